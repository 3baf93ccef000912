import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { Diagnostic, parseDurationMs } from '../runbooks/index.ts';
import { checkSweepCheck, checkSweepShape } from './config-file-sweep-checks.ts';

const SlackChannel = z
  .string()
  .regex(/^[CGD][A-Z0-9]{2,}$|^#[a-z0-9._-]+$/, 'expected a Slack channel ID like C0123ABCD (or #name)');

const Identifier = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'expected lowercase letters, digits, - _ .');

/** Which alerts a rule catches: every given field must fit (labels: each value, `*` globs allowed). */
export const RouteMatch = z.strictObject({
  labels: z.record(z.string(), z.string()).optional(),
  severity: z.union([z.string(), z.array(z.string())]).optional(),
  service: z.union([z.string(), z.array(z.string())]).optional(),
  source: z.enum(['alertmanager', 'pagerduty', 'datadog', 'generic']).optional(),
});

export const RoutingRule = z.strictObject({ match: RouteMatch.default({}), channel: SlackChannel });

const TimeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      // Intl throws RangeError for an unknown zone: that is the answer, not a failure.
      return false;
    }
  },
  { message: 'unknown time zone; expected an IANA name like Europe/Paris or UTC' },
);

export const SweepDefinition = z
  .strictObject({
    name: Identifier,
    cron: z.string().refine((expression) => isValidCron(expression), {
      message: 'not a valid cron expression (5 or 6 fields, e.g. "*/15 * * * *")',
    }),
    timezone: TimeZone.optional(),
    runbooks: z.array(z.string().min(1)).default([]),
    /** Inline diagnostics (the runbook format, with `health`), run through the providers without a runbook. */
    checks: z.array(Diagnostic).default([]),
    /** Posts the on-call handoff (`/runbook handoff`) instead of running checks. */
    handoff: z.boolean().default(false),
    /** How far back a handoff sweep looks (default 12h). */
    since: z
      .string()
      .refine((text) => parseDurationMs(text) !== undefined, { message: 'expected a duration like "12h"' })
      .optional(),
    channel: SlackChannel.optional(),
    mode: z.enum(['always', 'on_change']).default('always'),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    /** Per-runbook time limit; a slow check is reported as such and never delays the others. */
    timeout: z
      .string()
      .refine((text) => parseDurationMs(text) !== undefined, { message: 'expected a duration like "60s"' })
      .default('120s'),
  })
  .superRefine((sweep, context) => {
    for (const issue of checkSweepShape(sweep)) context.addIssue({ code: 'custom', ...issue });
    sweep.checks.forEach((check, index) => {
      for (const issue of checkSweepCheck(check, Object.keys(sweep.params))) {
        context.addIssue({ code: 'custom', path: ['checks', index, ...issue.path], message: issue.message });
      }
    });
  });

const ApproverId = z
  .string()
  .regex(/^[UWS][A-Z0-9]{2,}$/, 'expected a Slack user (U…, W…) or user group (S…) ID');

export const ConfigFileSchema = z.strictObject({
  routing: z.array(RoutingRule).default([]),
  sweeps: z
    .array(SweepDefinition)
    .default([])
    .superRefine((sweeps, context) => {
      const seen = new Set<string>();
      sweeps.forEach((sweep, index) => {
        if (seen.has(sweep.name)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `duplicate sweep name "${sweep.name}"`,
          });
        }
        seen.add(sweep.name);
      });
    }),
  approvers: z
    .strictObject({
      default: z.array(ApproverId).optional(),
      runbooks: z.record(z.string(), z.array(ApproverId)).default({}),
    })
    .default({ runbooks: {} }),
});

/** The optional RUNBOOK_CONFIG file: routing rules, sweeps, approver policy per runbook. */
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
export type RoutingRuleDefinition = z.infer<typeof RoutingRule>;
export type SweepConfig = z.infer<typeof SweepDefinition>;

export const EMPTY_CONFIG_FILE: ConfigFile = { routing: [], sweeps: [], approvers: { runbooks: {} } };
