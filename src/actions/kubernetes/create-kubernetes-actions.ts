import type { Config } from '../../config/index.ts';
import { RunbookError } from '../../errors/index.ts';
import {
  describeKubernetesError,
  type KubernetesClient,
  type KubernetesClientOptions,
  loadKubernetesClient,
} from '../../providers/kubernetes/index.ts';
import type { ActionType, Risk } from '../../runbooks/schema.ts';
import { assertGranted, hashPlan } from '../plan-hash.ts';
import type { Action, ActionOutcome, ApprovalGrant, PlannedAction } from '../types.ts';
import { parseDryRun, renderDryRun, sendPatch } from './patch-request.ts';
import type { PlanParts } from './plan-parts.ts';
import { planRestart } from './plan-restart.ts';
import { planRollback } from './plan-rollback.ts';
import { planScale } from './plan-scale.ts';

export interface KubernetesActionOptions extends KubernetesClientOptions {
  /** The clock for restartedAt; defaults to the real one. */
  clock?: () => Date;
  /** Per plan (reads) and per execute (the write); default 15 s. */
  timeoutMs?: number;
}

export interface KubernetesActions {
  restart: Action<'restart'>;
  scale: Action<'scale'>;
  rollback: Action<'rollback'>;
}

type KubernetesActionType = 'restart' | 'scale' | 'rollback';

function toPlanned(type: ActionType, parts: PlanParts, risk: Risk): PlannedAction {
  const unhashed = {
    type,
    target: parts.target.label,
    description: parts.description,
    risk,
    mutates: true,
    dryRun: renderDryRun(parts.request),
    spec: parts.spec,
    rollback: parts.rollback,
  };
  return { ...unhashed, hash: hashPlan(unhashed) };
}

/**
 * Restart, scale and rollback of Kubernetes workloads. `plan` only reads; `execute` sends exactly
 * the PATCH shown in `dryRun`, once, and only with a grant for that plan's hash.
 */
export function createKubernetesActions(
  config: Config['kubernetes'],
  options: KubernetesActionOptions = {},
): KubernetesActions {
  const loaded = loadKubernetesClient(config, options);
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 15_000;
  const client = (): KubernetesClient => {
    if (!loaded.ok) throw new RunbookError('action.failed', `kubernetes: not configured — ${loaded.reason}`);
    return loaded.client;
  };

  async function execute(
    type: KubernetesActionType,
    planned: PlannedAction,
    grant: ApprovalGrant,
  ): Promise<ActionOutcome> {
    assertGranted(planned, grant, type);
    const request = parseDryRun(planned.dryRun);
    const started = performance.now();
    const durationMs = () => Math.round(performance.now() - started);
    try {
      const answer = await sendPatch(client(), request, AbortSignal.timeout(timeoutMs));
      const metadata = (answer as { metadata?: { resourceVersion?: string } } | undefined)?.metadata;
      return {
        status: 'succeeded',
        summary: `${planned.description.replace(/\.$/, '')}: applied.`,
        output: `PATCH accepted${metadata?.resourceVersion ? `, resourceVersion ${metadata.resourceVersion}` : ''}`,
        undo: planned.rollback,
        durationMs: durationMs(),
      };
    } catch (error) {
      if (error instanceof RunbookError) throw error;
      return {
        status: 'failed',
        summary: `${type} of ${planned.target} failed: ${describeKubernetesError(error, timeoutMs)}`,
        durationMs: durationMs(),
      };
    }
  }

  return {
    restart: {
      type: 'restart',
      plan: async (spec, risk) =>
        toPlanned(
          'restart',
          await planRestart(client(), spec, clock(), AbortSignal.timeout(timeoutMs)),
          risk,
        ),
      execute: (planned, grant) => execute('restart', planned, grant),
    },
    scale: {
      type: 'scale',
      plan: async (spec, risk) =>
        toPlanned('scale', await planScale(client(), spec, AbortSignal.timeout(timeoutMs)), risk),
      execute: (planned, grant) => execute('scale', planned, grant),
    },
    rollback: {
      type: 'rollback',
      plan: async (spec, risk) =>
        toPlanned('rollback', await planRollback(client(), spec, AbortSignal.timeout(timeoutMs)), risk),
      execute: (planned, grant) => execute('rollback', planned, grant),
    },
  };
}
