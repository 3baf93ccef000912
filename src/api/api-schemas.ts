import { z } from 'zod';

const paramValue = z.union([z.string().max(1000), z.number(), z.boolean()]);
const params = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'expected a parameter name like "service"'),
    paramValue,
  )
  .refine((value) => Object.keys(value).length <= 50, 'at most 50 parameters')
  .default({});

/** `POST /api/runs`: run one runbook with parameters, or investigate a service, alert or incident. */
export const StartRunBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('runbook'),
    runbookId: z.string().min(1).max(128).describe('The runbook id, as `GET /api/runbooks` lists it'),
    params,
  }),
  z.strictObject({
    kind: z.literal('investigation'),
    target: z.string().min(1).max(200).describe('A service, workload, alert name or incident id'),
    text: z
      .string()
      .max(4000)
      .optional()
      .describe('What the caller knows; treated as data, never instructions'),
    params,
  }),
]);
export type StartRunBody = z.infer<typeof StartRunBody>;

export const RUN_STATUSES = ['running', 'paused', 'completed', 'failed', 'cancelled'] as const;

/** `GET /api/runs` query string. */
export const ListRunsQuery = z.strictObject({
  status: z.enum(RUN_STATUSES).optional(),
  runbook: z.string().min(1).max(128).optional().describe('Only runs of this runbook id'),
  service: z.string().min(1).max(200).optional().describe('Only runs whose target (service) is this'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('`nextCursor` of the previous page'),
});
export type ListRunsQuery = z.infer<typeof ListRunsQuery>;

/** Ids in paths: run, approval and runbook ids. */
export const IdParam = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'expected an id of letters, digits, _ . : -');

/** Every error response. */
export const ErrorBody = z.object({
  code: z.string().describe('Stable error code, e.g. request.invalid, run.not_found'),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const StartRunResponse = z.object({ runId: z.string(), status: z.enum(RUN_STATUSES) });
