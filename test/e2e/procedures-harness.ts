import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action, ActionOutcome, PlannedAction } from '../../src/actions/types.ts';
import { createApprovalService } from '../../src/approvals/index.ts';
import { openAuditLog } from '../../src/audit/index.ts';
import type { ProgressEvent } from '../../src/engine/events.ts';
import { RunbookError } from '../../src/errors/index.ts';
import type { CheckResult, Provider } from '../../src/providers/types.ts';
import { createRunbookCatalog } from '../../src/runbooks/index.ts';
import { createRunService, type RunServiceDeps } from '../../src/runs/index.ts';
import { createSqliteStateStore, type StateStore } from '../../src/state/index.ts';

export const APPROVER = 'U-APPROVER';

/**
 * A small cluster of deployments for the `scale` action: plans carry the exact inverse (scale back
 * to the replicas seen when planning), executions are recorded in order.
 */
export function fakeCluster() {
  const replicas = new Map<string, number>();
  const executed: PlannedAction[] = [];
  const action: Action<'scale'> = {
    type: 'scale',
    async plan(spec, risk) {
      const name = spec.target.name;
      const before = replicas.get(name) ?? 1;
      const target = `deployment/${spec.target.namespace ?? 'default'}/${name}`;
      return {
        type: 'scale',
        target,
        description: `scale ${target} from ${before} to ${spec.replicas}`,
        risk,
        mutates: true,
        dryRun: `kubectl scale ${target} --replicas=${spec.replicas}`,
        spec,
        rollback: {
          description: `scale ${target} back to ${before}`,
          action: { type: 'scale', target: spec.target, replicas: before },
        },
        hash: `h-${target}-${spec.replicas}-${before}`,
      };
    },
    async execute(planned, grant): Promise<ActionOutcome> {
      if (grant.planHash !== planned.hash) throw new RunbookError('action.refused', 'plan changed');
      const spec = planned.spec;
      if (spec.type !== 'scale') throw new RunbookError('action.refused', 'not a scale');
      replicas.set(spec.target.name, Number(spec.replicas));
      executed.push(planned);
      return { status: 'succeeded', summary: `scaled ${planned.target} to ${spec.replicas}`, durationMs: 1 };
    },
  };
  return { action, replicas, executed };
}

/**
 * Prometheus as our Provider interface: the answer per query comes from `answer`, each check takes
 * `delayMs`, and every call is counted per query.
 */
export function fakeMetrics(answer: (query: string, call: number) => number | Error, delayMs = 0) {
  const calls = new Map<string, number>();
  const provider: Provider<'prometheus_query'> = {
    type: 'prometheus_query',
    isConfigured: true,
    async check(step, context): Promise<CheckResult> {
      const call = (calls.get(step.query) ?? 0) + 1;
      calls.set(step.query, call);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs, context.signal));
      const value = answer(step.query, call);
      if (value instanceof Error) {
        return {
          status: 'error',
          value: null,
          series: [],
          items: [],
          fields: {},
          summary: value.message,
          error: value.message,
          query: step.query,
          durationMs: delayMs,
        };
      }
      return {
        status: 'ok',
        value,
        series: [],
        items: [],
        fields: {},
        summary: `${step.query} = ${value}`,
        query: step.query,
        durationMs: delayMs,
      };
    },
  };
  return { provider, calls };
}

/** Events of one run, with a way to wait for the one a test needs next. */
export function eventLog() {
  const events: ProgressEvent[] = [];
  const waiters: Array<{
    match: (event: ProgressEvent) => boolean;
    resolve: (event: ProgressEvent) => void;
  }> = [];
  return {
    events,
    sink: {
      emit(event: ProgressEvent) {
        events.push(event);
        for (const waiter of [...waiters]) {
          if (!waiter.match(event)) continue;
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      },
    },
    next(match: (event: ProgressEvent) => boolean, timeoutMs = 5000): Promise<ProgressEvent> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for an event')), timeoutMs);
        waiters.push({
          match,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event);
          },
        });
      });
    },
  };
}

export const stepIs = (stepId: string, status: string) => (event: ProgressEvent) =>
  event.type === 'step.changed' && event.stepId === stepId && event.status === status;

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A run service over a runbook folder (files given as name → YAML), SQLite state in `dataDir`. */
export async function procedureService(
  dir: string,
  files: Record<string, string>,
  options: {
    metrics?: Provider<'prometheus_query'>;
    cluster?: ReturnType<typeof fakeCluster>;
    store?: StateStore;
    agent?: RunServiceDeps['agent'];
  } = {},
) {
  const library = join(dir, 'runbooks');
  await mkdir(library, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(library, name), text);
  const catalog = await createRunbookCatalog(library);
  const store = options.store ?? createSqliteStateStore({ dataDir: join(dir, 'state') });
  const audit = await openAuditLog(join(dir, 'audit.jsonl'));
  const cluster = options.cluster ?? fakeCluster();
  let id = 0;
  const approvals = createApprovalService({
    store,
    audit,
    actions: { scale: cluster.action },
    policy: { approvers: [APPROVER], defaultTtlMs: 60_000 },
    now: () => new Date(),
    newId: () => `ap-${Date.now().toString(36)}-${++id}`,
  });
  const deps: RunServiceDeps = {
    catalog,
    providers: options.metrics ? { prometheus_query: options.metrics } : {},
    actions: { scale: cluster.action },
    approvals,
    audit,
    store,
    approvers: [APPROVER],
    now: () => new Date(),
    newId: () => `run-${Date.now().toString(36)}-${++id}`,
    ...(options.agent ? { agent: options.agent } : {}),
  };
  const service = createRunService(deps);
  return {
    service,
    catalog,
    approvals,
    cluster,
    store,
    async close() {
      await service.close();
      await audit.close();
      await store.close();
    },
  };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
