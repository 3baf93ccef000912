import { z } from 'zod';
import { ROOT_CAUSES } from '../runbooks/root-causes.ts';

/** Action types `expect.remediation` may name (FORMAT.md), plus `manual` for a remediation without an action. */
export const EXPECTABLE_ACTION_TYPES = [
  'restart',
  'rollback',
  'scale',
  'run_command',
  'notify',
  'escalate',
  'manual',
] as const;

const labelValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const alertSchema = z.looseObject({
  source: z.enum(['alertmanager', 'pagerduty', 'datadog', 'manual', 'generic']).default('manual'),
  name: z.string({ error: 'required: the alert name as the monitoring system sends it' }).min(1),
  severity: z
    .string()
    .regex(/^[pP][1-4]$/, 'expected P1, P2, P3 or P4')
    .transform((value) => value.toUpperCase())
    .optional(),
  labels: z.record(z.string(), labelValue).default({}),
  summary: z.string().optional(),
});

const serviceSchema = z.looseObject({
  path: z.string().startsWith('/', 'expected a path starting with "/"').default('/'),
  status: z.number().int().min(100).max(599).default(200),
  latency_ms: z.number().nonnegative().max(120_000).default(0),
  /** Optional response body (an extension of FORMAT.md); objects are sent as JSON. */
  body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
});

// Service names become RUNBOOK_HOST_OVERRIDES entries (`name=127.0.0.1:port`): host-name characters only.
const serviceName = z
  .string()
  .regex(/^[A-Za-z0-9.-]+$/, 'expected a host name (letters, digits, "-" and ".")');

const expectSchema = z.looseObject({
  root_cause: z.enum(ROOT_CAUSES, { error: `expected one of ${ROOT_CAUSES.join(', ')}` }),
  resource: z.string().min(1).optional(),
  remediation: z
    .array(
      z.enum(EXPECTABLE_ACTION_TYPES, { error: `expected one of ${EXPECTABLE_ACTION_TYPES.join(', ')}` }),
    )
    .min(1)
    .optional(),
});

/** scenario.yaml as shared/scenarios/FORMAT.md describes it. Unknown fields are accepted: the format may grow. */
export const scenarioFileSchema = z.looseObject({
  id: z
    .string({ error: 'required: the scenario id (kebab-case)' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id like payment-db-exhaustion'),
  title: z.string().optional(),
  alert: alertSchema,
  services: z.record(serviceName, serviceSchema).nullish(),
  expect: expectSchema,
});

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
