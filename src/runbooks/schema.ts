import { z } from 'zod';
import { ROOT_CAUSES } from './root-causes.ts';

/**
 * The runbook format. Strings may contain `${param}` placeholders, substituted at run time.
 * Fields documented as "expression" hold CEL, compiled at load time (see src/expressions).
 */

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const DURATION_UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "500ms", "10s", "5m", "1h", "2d" → milliseconds; undefined when malformed. */
export function parseDurationMs(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const unit = match[2] as keyof typeof DURATION_UNIT_MS;
  return Math.round(Number(match[1]) * DURATION_UNIT_MS[unit]);
}

export const Duration = z.string().refine((text) => parseDurationMs(text) !== undefined, {
  message: 'expected a duration like "500ms", "10s", "5m" or "1h"',
});

/** A CEL expression; compiled and checked at load time. */
export const Expression = z.string().min(1, 'expression is empty');

const Identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'expected lower-case letters, digits and underscores, starting with a letter');
const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected kebab-case: lower-case letters, digits and dashes');

export const Severity = z.enum(['P1', 'P2', 'P3', 'P4']);
export const RunbookStatus = z.enum(['draft', 'published', 'archived']);
export const RootCauseSchema = z.enum(ROOT_CAUSES);
export const RiskLevel = z.enum(['low', 'medium', 'high']);

export const Parameter = z.strictObject({
  name: Identifier,
  type: z.enum(['string', 'number', 'boolean', 'duration']).default('string'),
  description: z.string().optional(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  required: z.boolean().optional(),
  enum: z.array(z.string()).optional(),
  /** Which alert label fills this parameter when an alert triggers the runbook (e.g. `service`, `namespace`). */
  fromLabel: z.union([z.string(), z.array(z.string())]).optional(),
  /**
   * A regular expression a string value must match in full. Without it, values are limited to a
   * safe character set (see resolveParams) so they cannot break out of a query or become an option.
   */
  pattern: z.string().optional(),
});

export const Trigger = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('alert'),
    /** Exact alert name, or a glob with `*`. */
    alertName: z.string(),
    labels: z.record(z.string(), z.string()).optional(),
    source: z.enum(['alertmanager', 'pagerduty', 'datadog', 'generic', 'manual']).optional(),
  }),
  z.strictObject({
    type: z.literal('metric'),
    query: z.string(),
    /** Expression over the query result (`value`, `series`, …). */
    condition: Expression,
    for: Duration.optional(),
  }),
  z.strictObject({ type: z.literal('manual') }),
  z.strictObject({
    type: z.literal('schedule'),
    cron: z.string(),
    timezone: z.string().optional(),
    channel: z.string().optional(),
  }),
]);

/** Health interpretation: `critical` is tried first, then `warning`; otherwise healthy. */
export const Health = z.strictObject({
  critical: Expression.optional(),
  warning: Expression.optional(),
  healthy: Expression.optional(),
});

const diagnosticBase = {
  id: Identifier,
  name: z.string().optional(),
  description: z.string().optional(),
  timeout: Duration.optional(),
  health: Health.optional(),
  /** Root-cause categories this check is evidence for (used by the investigation). */
  evidenceFor: z.array(RootCauseSchema).optional(),
  /**
   * When the investigation runs it: `screen` in the first, broad triage pass (cheap checks that
   * flag the categories in `evidenceFor`); `symptom` also in triage, measuring the alert's symptom
   * itself (is it still happening, when did it start). Other checks run while testing a hypothesis.
   */
  triage: z.enum(['screen', 'symptom']).optional(),
};

export const PrometheusQuery = z.strictObject({
  ...diagnosticBase,
  type: z.literal('prometheus_query'),
  query: z.string().min(1),
  /** When set, a range query over this window ending now. */
  range: z.strictObject({ window: Duration, step: Duration.optional() }).optional(),
});

export const DatadogQuery = z.strictObject({
  ...diagnosticBase,
  type: z.literal('datadog_query'),
  query: z.string().min(1),
  window: Duration.optional(),
});

export const DatadogLogs = z.strictObject({
  ...diagnosticBase,
  type: z.literal('datadog_logs'),
  query: z.string().min(1),
  window: Duration.optional(),
  limit: z.number().int().positive().max(1000).optional(),
});

export const KubernetesCheck = z.strictObject({
  ...diagnosticBase,
  type: z.literal('kubernetes'),
  resource: z.enum(['pods', 'events', 'logs', 'rollout_history', 'nodes', 'deployment']),
  namespace: z.string().optional(),
  /** Workload name (Deployment), used to find its pods / ReplicaSets / events. */
  workload: z.string().optional(),
  labelSelector: z.string().optional(),
  container: z.string().optional(),
  tailLines: z.number().int().positive().max(10_000).optional(),
  since: Duration.optional(),
  previous: z.boolean().optional(),
});

export const HttpCheck = z.strictObject({
  ...diagnosticBase,
  type: z.literal('http_check'),
  url: z.union([z.string(), z.array(z.string()).min(1)]),
  method: z.enum(['GET', 'HEAD', 'POST']).optional(),
  expectStatus: z.number().int().optional(),
  bodyMatch: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  checkCertificate: z.boolean().optional(),
});

export const CommandCheck = z.strictObject({
  ...diagnosticBase,
  type: z.literal('command'),
  /** Argument vector: never run through a shell. Parameters substitute into single arguments. */
  command: z.array(z.string()).min(1),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  /** A command that changes something may only run as an approved action, never as a diagnostic. */
  mutating: z.boolean().optional(),
});

export const LogSearch = z.strictObject({
  ...diagnosticBase,
  type: z.literal('log_search'),
  pattern: z.string().min(1),
  regex: z.boolean().optional(),
  source: z.enum(['kubernetes', 'datadog', 'all']).optional(),
  namespace: z.string().optional(),
  workload: z.string().optional(),
  labelSelector: z.string().optional(),
  window: Duration.optional(),
  limit: z.number().int().positive().max(1000).optional(),
});

/** A configured connection's name (`RUNBOOK_DATABASE_<NAME>_URL`): never a connection string. */
const DatabaseName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]*$/,
    'expected a configured database name like "payments" (RUNBOOK_DATABASE_PAYMENTS_URL)',
  );

/** Bind values for `$1`, `$2`…: parameters go here, never into the SQL text. */
const SqlArgs = z.array(z.union([z.string(), z.number(), z.boolean()])).max(20);

/**
 * SQL over a configured PostgreSQL connection, always inside a READ ONLY transaction with a
 * statement timeout and a row limit. Rows are `items`, the first numeric cell of the first row `value`.
 */
export const DatabaseQuery = z.strictObject({
  ...diagnosticBase,
  type: z.literal('database_query'),
  database: DatabaseName,
  sql: z.string().min(1),
  args: SqlArgs.optional(),
  rowLimit: z.number().int().positive().max(1000).optional(),
});

export const Diagnostic = z.discriminatedUnion('type', [
  PrometheusQuery,
  DatadogQuery,
  DatadogLogs,
  KubernetesCheck,
  HttpCheck,
  CommandCheck,
  LogSearch,
  DatabaseQuery,
]);

const WorkloadTarget = z.strictObject({
  kind: z.enum(['Deployment', 'StatefulSet', 'DaemonSet']).default('Deployment'),
  name: z.string(),
  namespace: z.string().optional(),
});

export const ActionSpec = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('restart'), target: WorkloadTarget }),
  z.strictObject({
    type: z.literal('scale'),
    target: WorkloadTarget,
    /** A number, or a `${param}` placeholder that resolves to one. */
    replicas: z.union([z.number().int().nonnegative(), z.string()]),
  }),
  z.strictObject({
    type: z.literal('rollback'),
    target: WorkloadTarget,
    /** Revision to go back to; the previous one when omitted. */
    revision: z.union([z.number().int().positive(), z.string()]).optional(),
  }),
  z.strictObject({
    type: z.literal('run_command'),
    command: z.array(z.string()).min(1),
    cwd: z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
    timeout: Duration.optional(),
  }),
  z.strictObject({
    type: z.literal('sql'),
    database: DatabaseName,
    /** One statement, run in its own transaction; values through `args` ($1, $2…). */
    sql: z.string().min(1),
    args: SqlArgs.optional(),
    timeout: Duration.optional(),
  }),
  z.strictObject({
    type: z.literal('notify'),
    channel: z.string().optional(),
    message: z.string(),
  }),
  z.strictObject({
    type: z.literal('escalate'),
    to: z.string().optional(),
    message: z.string().optional(),
  }),
]);

export const Remediation = z.strictObject({
  id: Slug,
  name: z.string(),
  description: z.string().optional(),
  type: z.enum(['manual', 'automated', 'escalate']),
  action: ActionSpec.optional(),
  risk: RiskLevel,
  rollback: z.string().optional(),
  /** Defaults to true for anything that mutates. */
  requiresApproval: z.boolean().optional(),
  /** Only recommended when this expression over the diagnostics holds. */
  when: Expression.optional(),
  /**
   * Earned autonomy (opt-in): after `after` approved runs of this remediation whose validation
   * passed (counted from the audit log, reset by a failed validation), the next runs without
   * waiting, if its risk is at most `maxRisk`. High risk is never auto-approved.
   */
  autoApprove: z
    .strictObject({
      maxRisk: z.enum(['low', 'medium']),
      after: z.number().int().min(1).max(1000),
    })
    .optional(),
});

export interface DecisionRuleInput {
  when: string;
  conclusion?: string | undefined;
  category?: z.infer<typeof RootCauseSchema> | undefined;
  severity?: z.infer<typeof Severity> | undefined;
  recommend?: string[] | undefined;
  escalate?: boolean | undefined;
  rules?: DecisionRuleInput[] | undefined;
}

/**
 * The decision tree: rules are tried in order, the first whose `when` holds is taken, and its
 * children (if any) refine it the same way. The deepest rule taken gives the outcome.
 */
export const DecisionRule: z.ZodType<DecisionRuleInput> = z.lazy(() =>
  z.strictObject({
    when: Expression,
    conclusion: z.string().optional(),
    category: RootCauseSchema.optional(),
    severity: Severity.optional(),
    recommend: z.array(Slug).optional(),
    escalate: z.boolean().optional(),
    rules: z.array(DecisionRule).optional(),
  }),
);

export const Escalation = z.strictObject({
  primary: z.string(),
  secondary: z.string().optional(),
  escalateAfterMinutes: z.number().positive().optional(),
  channel: z.string().optional(),
});

const StepRetry = z.strictObject({
  /** Attempts in all, the first included. */
  attempts: z.number().int().min(1).max(10),
  /** Wait before the second attempt; doubles for each later one. */
  backoff: Duration.optional(),
});

/** What every step of a procedure may say, whatever it does. */
const stepBase = {
  /** How expressions and people refer to the step (`steps.<id>`); `step_<n>` by position when absent. */
  id: Identifier.optional(),
  name: z.string().optional(),
  /** Expression over `params`, `steps` and `diagnostics`: the step is skipped unless it holds. */
  if: Expression.optional(),
  retry: StepRetry.optional(),
  timeout: Duration.optional(),
  /** A failure of this step does not stop the procedure. */
  continueOnError: z.boolean().optional(),
};

/** Plain English for a person (a checklist item), or for Claude when `agent: true` and a key is set. */
export const InstructionStep = z.strictObject({
  ...stepBase,
  instruction: z.string().min(1),
  agent: z.boolean().optional(),
});

/** A diagnostic of this runbook by id, or one written inline. */
export const DiagnosticStep = z.strictObject({ ...stepBase, diagnostic: z.union([Identifier, Diagnostic]) });

/** A remediation of this runbook by id: always planned, approved by a person, then executed. */
export const ActionStep = z.strictObject({ ...stepBase, action: Slug });

/** A manual gate: the question an approver answers with Approve or Deny. */
export const ApprovalStep = z.strictObject({ ...stepBase, approval: z.string().min(1) });

/** Another runbook, run to its end as one step. */
export const RunbookCallStep = z.strictObject({
  ...stepBase,
  runbook: Slug,
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export interface ParallelStepInput {
  id?: string | undefined;
  name?: string | undefined;
  if?: string | undefined;
  retry?: z.infer<typeof StepRetry> | undefined;
  timeout?: string | undefined;
  continueOnError?: boolean | undefined;
  parallel: StepInput[];
}

export type StepInput =
  | string
  | z.infer<typeof InstructionStep>
  | z.infer<typeof DiagnosticStep>
  | z.infer<typeof ActionStep>
  | z.infer<typeof ApprovalStep>
  | z.infer<typeof RunbookCallStep>
  | ParallelStepInput;

/**
 * One step of a procedure. A plain string is an instruction for a person, so a checklist written
 * as a list of sentences stays valid.
 */
export const Step: z.ZodType<StepInput> = z.lazy(() =>
  z.union([
    z.string().min(1),
    InstructionStep,
    DiagnosticStep,
    ActionStep,
    ApprovalStep,
    RunbookCallStep,
    z.strictObject({ ...stepBase, parallel: z.array(Step).min(1) }),
  ]),
);

/** Kept for older imports: the plain-English form of a step. */
export const PlainStep = z.union([z.string().min(1), InstructionStep]);

/** A condition over `params`, `steps` and `diagnostics`, with the reason shown when it fails. */
export const FlowCondition = z.union([
  Expression,
  z.strictObject({ expression: Expression, message: z.string().optional() }),
]);

export const RunbookSchema = z.strictObject({
  id: Slug,
  name: z.string().min(1),
  description: z.string().optional(),
  service: z.string().optional(),
  severity: Severity.default('P3'),
  status: RunbookStatus.default('published'),
  version: z.number().int().positive().default(1),
  owner: z.string().optional(),
  tags: z.array(z.string()).default([]),
  /** Root-cause categories this runbook can diagnose. */
  categories: z.array(RootCauseSchema).default([]),
  parameters: z.array(Parameter).default([]),
  triggers: z.array(Trigger).default([{ type: 'manual' }]),
  diagnostics: z.array(Diagnostic).default([]),
  decision: z.array(DecisionRule).default([]),
  remediations: z.array(Remediation).default([]),
  escalation: Escalation.optional(),
  steps: z.array(Step).optional(),
  /**
   * `procedure` runs `steps` in order; `diagnose` runs the diagnostics and decision tree (steps are
   * then a checklist for people). Default: procedure when a step does more than instruct a person
   * or when preconditions or success criteria are set.
   */
  mode: z.enum(['diagnose', 'procedure']).optional(),
  /** Must hold before the first step, or the run is refused with the reason. */
  preconditions: z.array(FlowCondition).optional(),
  /** Checked after each action step and after the last step. */
  successCriteria: z.array(FlowCondition).optional(),
  /** `rollback`: when a success criterion fails, propose the inverse of each action taken, newest first. */
  onFailure: z.enum(['stop', 'rollback']).optional(),
});

export type RunbookDefinition = z.infer<typeof RunbookSchema>;
export type ParameterDefinition = z.infer<typeof Parameter>;
export type TriggerDefinition = z.infer<typeof Trigger>;
export type DiagnosticDefinition = z.infer<typeof Diagnostic>;
export type DiagnosticType = DiagnosticDefinition['type'];
export type HealthDefinition = z.infer<typeof Health>;
export type RemediationDefinition = z.infer<typeof Remediation>;
export type ActionSpecDefinition = z.infer<typeof ActionSpec>;
export type ActionType = ActionSpecDefinition['type'];
export type DecisionRuleDefinition = DecisionRuleInput;
export type EscalationDefinition = z.infer<typeof Escalation>;
export type StepDefinition = StepInput;
export type FlowConditionDefinition = z.infer<typeof FlowCondition>;
export type SeverityLevel = z.infer<typeof Severity>;
export type Risk = z.infer<typeof RiskLevel>;

/** Actions that change the world; anything of these types needs an approval unless a policy says otherwise. */
export const MUTATING_ACTIONS: readonly ActionType[] = ['restart', 'scale', 'rollback', 'run_command', 'sql'];

/** The action type a remediation amounts to, as scenarios' `expect.remediation` names it. */
export function remediationActionType(remediation: RemediationDefinition): ActionType | 'manual' {
  if (remediation.action) return remediation.action.type;
  return remediation.type === 'escalate' ? 'escalate' : 'manual';
}

export function requiresApproval(remediation: RemediationDefinition): boolean {
  if (remediation.requiresApproval !== undefined) return remediation.requiresApproval;
  return remediation.action !== undefined && MUTATING_ACTIONS.includes(remediation.action.type);
}
