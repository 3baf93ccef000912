import { z } from 'zod';
import type { DeployParse } from './deploy-failure.ts';

/** `POST /alerts/deploy`: any CD system (Spinnaker, Flux, a script) reporting a failed rollout. */
export const GenericDeployFailure = z.strictObject({
  service: z.string().min(1).max(253),
  namespace: z.string().max(253).optional(),
  environment: z.string().max(100).optional(),
  version: z.string().max(200).optional(),
  status: z.enum(['failed', 'error', 'succeeded']).default('failed'),
  message: z.string().max(4000).optional(),
  failedAt: z.iso.datetime({ offset: true }).optional(),
  url: z.string().max(2000).optional(),
});
export type GenericDeployFailure = z.infer<typeof GenericDeployFailure>;

export function genericDeployFailure(event: GenericDeployFailure): DeployParse {
  if (event.status === 'succeeded') return { ignored: `deploy of ${event.service} succeeded` };
  return {
    failure: {
      reporter: 'generic',
      key: `deploy:${event.service}:${event.namespace ?? ''}:${event.version ?? event.failedAt ?? 'unknown'}`,
      service: event.service,
      ...(event.namespace ? { namespace: event.namespace } : {}),
      ...(event.environment ? { environment: event.environment } : {}),
      ...(event.version ? { revision: event.version } : {}),
      ...(event.message ? { message: event.message } : {}),
      ...(event.failedAt ? { failedAt: event.failedAt } : {}),
      ...(event.url ? { url: event.url } : {}),
    },
  };
}
