import { z } from 'zod';
import type { DeployParse } from './deploy-failure.ts';

/**
 * The body Runbook expects from an Argo CD notifications webhook template (see README):
 * `{"app": "{{.app.metadata.name}}", "namespace": "{{.app.spec.destination.namespace}}",
 * "revision": "{{.app.status.sync.revision}}", "phase": "{{.app.status.operationState.phase}}",
 * "health": "{{.app.status.health.status}}", "message": "{{.app.status.operationState.message}}",
 * "finishedAt": "{{.app.status.operationState.finishedAt}}"}`. `service` overrides `app` when the
 * workload is named differently from the Application.
 */
export const ArgoCdNotification = z.object({
  app: z.string().min(1).max(253),
  service: z.string().min(1).max(253).optional(),
  namespace: z.string().max(253).optional(),
  revision: z.string().max(200).optional(),
  phase: z.string().max(50).optional(),
  health: z.string().max(50).optional(),
  message: z.string().max(4000).optional(),
  finishedAt: z.string().max(64).optional(),
  url: z.string().max(2000).optional(),
});
export type ArgoCdNotification = z.infer<typeof ArgoCdNotification>;

const FAILED_PHASES = new Set(['Failed', 'Error']);
const FAILED_HEALTH = new Set(['Degraded', 'Missing']);

/** A failed sync (phase Failed/Error) or a degraded app after one → the workload to investigate. */
export function argoCdDeployFailure(event: ArgoCdNotification): DeployParse {
  const failedSync = event.phase !== undefined && FAILED_PHASES.has(event.phase);
  const degraded = event.health !== undefined && FAILED_HEALTH.has(event.health);
  if (!failedSync && !degraded) {
    return {
      ignored: `Argo CD app ${event.app}: phase ${event.phase ?? '?'}, health ${event.health ?? '?'} is not a failure`,
    };
  }
  return {
    failure: {
      reporter: 'argocd',
      key: `argocd:${event.app}:${event.revision ?? event.finishedAt ?? 'unknown'}`,
      service: event.service ?? event.app,
      ...(event.namespace ? { namespace: event.namespace } : {}),
      ...(event.revision ? { revision: event.revision.slice(0, 12) } : {}),
      message: event.message ?? `sync ${event.phase ?? 'unknown'}, health ${event.health ?? 'unknown'}`,
      ...(event.finishedAt ? { failedAt: event.finishedAt } : {}),
      ...(event.url ? { url: event.url } : {}),
    },
  };
}
