import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Action, ActionOutcome, PlannedAction } from '../actions/types.ts';
import { createApprovalService } from '../approvals/index.ts';
import { openAuditLog } from '../audit/index.ts';
import type { ProgressEvent } from '../engine/events.ts';
import { RunbookError } from '../errors/index.ts';
import type { Investigator } from '../investigation/types.ts';
import type { CheckResult, Provider } from '../providers/types.ts';
import { createRunbookCatalog } from '../runbooks/index.ts';
import { createMemoryStateStore } from '../state/index.ts';
import { createRunService } from './create-run-service.ts';
import type { RunServiceDeps } from './deps.ts';

const RUNBOOK = `id: db-connections
name: DB connection exhaustion
service: payment-service
severity: P2
status: STATUS
categories: [db-connection-exhaustion]
parameters:
  - name: service
    default: payment-service
diagnostics:
  - id: connection_usage
    type: prometheus_query
    query: 'pg_usage{service="\${service}"}'
    health: {critical: 'value > 0.9', warning: 'value > 0.7'}
    evidenceFor: [db-connection-exhaustion]
  - id: error_rate
    type: prometheus_query
    query: 'errors{service="\${service}"}'
    health: {critical: 'value > 5.0'}
decision:
  - when: "diagnostics.connection_usage.status == 'critical'"
    conclusion: CONCLUSION
    category: db-connection-exhaustion
    severity: P1
    recommend: [restart-app]
remediations:
  - id: restart-app
    name: Restart the service
    type: automated
    risk: medium
    action: {type: restart, target: {name: '\${service}', namespace: production}}
    rollback: pods restart on their own
`;

function runbookText(options: { status?: string; conclusion?: string } = {}): string {
  return RUNBOOK.replace('STATUS', options.status ?? 'published').replace(
    'CONCLUSION',
    options.conclusion ?? 'Connection pool exhausted',
  );
}

/** A Prometheus provider of our interface: the answer per metric name, an optional gate to hold checks. */
function fakePrometheus() {
  const values = new Map<string, number>([
    ['pg_usage', 0.97],
    ['errors', 1],
  ]);
  const queries: string[] = [];
  let gate: Promise<void> | undefined;
  const provider: Provider<'prometheus_query'> = {
    type: 'prometheus_query',
    isConfigured: true,
    async check(step, context): Promise<CheckResult> {
      queries.push(step.query);
      if (gate)
        await Promise.race([
          gate,
          new Promise((_, reject) =>
            context.signal.addEventListener('abort', () => reject(context.signal.reason)),
          ),
        ]);
      const value = values.get(step.query.split('{')[0] ?? '') ?? null;
      return {
        status: 'ok',
        value,
        series: [],
        items: [],
        fields: {},
        summary: `${step.id} = ${value}`,
        query: step.query,
        durationMs: 1,
      };
    },
  };
  return {
    provider,
    values,
    queries,
    hold() {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

function recordingRestart() {
  const executed: PlannedAction[] = [];
  const action: Action<'restart'> = {
    type: 'restart',
    async plan(spec, risk) {
      const target = `deployment/${spec.target.namespace}/${spec.target.name}`;
      return {
        type: 'restart',
        target,
        description: `restart ${target}`,
        risk,
        mutates: true,
        dryRun: `kubectl rollout restart ${target}`,
        spec,
        rollback: { description: 'none' },
        hash: `h-${target}`,
      };
    },
    async execute(planned, grant): Promise<ActionOutcome> {
      if (grant.planHash !== planned.hash) throw new RunbookError('action.refused', 'plan changed');
      executed.push(planned);
      return { status: 'succeeded', summary: `restarted ${planned.target}`, durationMs: 1 };
    },
  };
  return { action, executed };
}

let dir: string;
const openLogs: Array<{ close(): Promise<void> }> = [];
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-runs-'));
});
after(async () => {
  await Promise.all(openLogs.map((log) => log.close()));
  await rm(dir, { recursive: true, force: true });
});

async function setup(name: string, overrides: Partial<RunServiceDeps> = {}, text = runbookText()) {
  const library = join(dir, name);
  await rm(library, { recursive: true, force: true });
  await mkdir(library, { recursive: true });
  await writeFile(join(library, 'db-connections.yaml'), text);
  const catalog = await createRunbookCatalog(library);
  const prometheus = fakePrometheus();
  const restart = recordingRestart();
  const audit = await openAuditLog(join(library, 'audit.jsonl'));
  openLogs.push(audit);
  const store = createMemoryStateStore();
  let id = 0;
  const approvals = createApprovalService({
    store,
    audit,
    actions: { restart: restart.action },
    policy: { approvers: ['cli:bob'], defaultTtlMs: 60_000 },
    now: () => new Date(),
    newId: () => `${name}-approval-${++id}`,
  });
  const deps: RunServiceDeps = {
    catalog,
    providers: { prometheus_query: prometheus.provider },
    actions: { restart: restart.action },
    approvals,
    audit,
    store,
    now: () => new Date(),
    newId: () => `${name}-${++id}`,
    ...overrides,
  };
  const service = createRunService(deps);
  return { service, deps, catalog, prometheus, restart, approvals, audit, store, library };
}

const origin = { source: 'cli' as const };
const types = (events: ProgressEvent[]) => events.map((event) => event.type);

describe('createRunService', () => {
  it('runs a runbook end to end: checks, decision, conclusion, an approval per mutating remediation', async () => {
    const { service, approvals, store, audit, library } = await setup('end-to-end');
    const seen: ProgressEvent[] = [];
    const handle = await service.startRunbook(
      { runbookId: 'db-connections', params: { service: 'checkout' }, actor: 'cli:alice', origin },
      { emit: (event) => void seen.push(event) },
    );
    const record = await handle.done;
    assert.equal(record.status, 'completed');
    assert.deepEqual(
      types(seen).filter((t) => !t.startsWith('check.')),
      ['run.started', 'decision.taken', 'conclusion', 'remediation.proposed', 'run.finished'],
    );
    assert.equal(record.conclusion?.category, 'db-connection-exhaustion');
    assert.equal(record.conclusion?.severity, 'P1');
    const proposed = seen.find((event) => event.type === 'remediation.proposed');
    assert.ok(proposed?.type === 'remediation.proposed' && proposed.approvalId);
    assert.equal((await approvals.get(proposed.approvalId))?.plan.target, 'deployment/production/checkout');
    assert.deepEqual(record.approvalIds, [proposed.approvalId]);
    assert.deepEqual(record.params, { service: 'checkout' });
    const stored = await store.get<typeof record>(`run:${handle.runId}`);
    assert.equal(stored?.status, 'completed');
    assert.equal(stored?.events.length, seen.length);
    await audit.close();
    const lines = (await readFile(join(library, 'audit.jsonl'), 'utf8')).trim().split('\n');
    const audited = lines.map((line) => (JSON.parse(line) as { type: string }).type);
    for (const type of types(seen)) assert.ok(audited.includes(type), `${type} is audited`);
    assert.ok(audited.includes('approval.requested'));
    assert.match(lines[0] ?? '', /"runbook":"db-connections"/);
  });

  it('refuses bad parameters before any run starts', async () => {
    const { service, store } = await setup('bad-params');
    const seen: ProgressEvent[] = [];
    await assert.rejects(
      service.startRunbook(
        { runbookId: 'db-connections', params: { service: 'x"; drop' }, actor: 'cli:alice', origin },
        { emit: (event) => void seen.push(event) },
      ),
      (error: unknown) => error instanceof RunbookError && error.code === 'parameter.invalid',
    );
    await assert.rejects(
      service.startRunbook({ runbookId: 'db-connections', params: { servcie: 'x' }, actor: 'a', origin }),
      /unknown parameter "servcie"/,
    );
    assert.deepEqual(seen, []);
    assert.deepEqual(await store.keys('run:'), []);
  });

  it('refuses an archived runbook and warns about a draft', async () => {
    const archived = await setup('archived', {}, runbookText({ status: 'archived' }));
    await assert.rejects(
      archived.service.startRunbook({ runbookId: 'db-connections', params: {}, actor: 'a', origin }),
      (error: unknown) => error instanceof RunbookError && error.code === 'runbook.archived',
    );
    const draft = await setup('draft', {}, runbookText({ status: 'draft' }));
    const handle = await draft.service.startRunbook({
      runbookId: 'db-connections',
      params: {},
      actor: 'a',
      origin,
    });
    const record = await handle.done;
    const started = record.events[0];
    assert.ok(started?.type === 'run.started');
    assert.match(started.warnings?.[0] ?? '', /draft/);
  });

  it('finishes an in-flight run on the version it started with, even after the catalog reloads', async () => {
    const { service, catalog, prometheus, library } = await setup('pinning');
    const release = prometheus.hold();
    const handle = await service.startRunbook({
      runbookId: 'db-connections',
      params: {},
      actor: 'a',
      origin,
    });
    const before = catalog.get('db-connections')?.hash;
    await writeFile(
      join(library, 'db-connections.yaml'),
      runbookText({ conclusion: 'Changed meanwhile' }).replace('version: 1', ''),
    );
    const change = await catalog.reload();
    assert.deepEqual(change.changed, ['db-connections']);
    release();
    const record = await handle.done;
    assert.equal(record.runbook?.hash, before);
    assert.notEqual(catalog.get('db-connections')?.hash, before);
    assert.equal(record.conclusion?.summary, 'Connection pool exhausted');
  });

  it('executes an approved remediation once, then validates with the pinned diagnostics', async () => {
    const { service, restart, prometheus } = await setup('approve');
    const record = await (
      await service.startRunbook({ runbookId: 'db-connections', params: {}, actor: 'a', origin })
    ).done;
    const approvalId = record.approvalIds[0] ?? '';
    const followed: ProgressEvent[] = [];
    const unsubscribe = service.subscribe(record.id, { emit: (event) => void followed.push(event) });
    prometheus.values.set('pg_usage', 0.4);
    const approval = await service.decideApproval(approvalId, 'approve', { id: 'cli:bob', via: 'cli' });
    unsubscribe();
    assert.equal(approval.status, 'executed');
    assert.equal(restart.executed.length, 1);
    const again = await service.decideApproval(approvalId, 'approve', { id: 'cli:bob', via: 'cli' });
    assert.equal(again.status, 'executed');
    assert.equal(restart.executed.length, 1, 'a second approval executes nothing');
    await assert.rejects(
      service.decideApproval(approvalId, 'deny', { id: 'cli:bob', via: 'cli' }),
      (error: unknown) => error instanceof RunbookError && error.code === 'approval.already_decided',
    );
    const after = types(followed).filter((t) => !t.startsWith('check.'));
    assert.deepEqual(after, ['approval.decided', 'action.finished', 'validation.finished']);
    const validation = followed.find((event) => event.type === 'validation.finished');
    assert.ok(validation?.type === 'validation.finished' && validation.passed, JSON.stringify(validation));
    const stored = await service.get(record.id);
    assert.equal(stored?.events.at(-1)?.type, 'validation.finished');
  });

  it('reports a failed validation when a check is still critical after the action', async () => {
    const { service } = await setup('still-critical');
    const record = await (
      await service.startRunbook({ runbookId: 'db-connections', params: {}, actor: 'a', origin })
    ).done;
    await service.decideApproval(record.approvalIds[0] ?? '', 'approve', { id: 'cli:bob', via: 'cli' });
    const validation = (await service.get(record.id))?.events.find(
      (event) => event.type === 'validation.finished',
    );
    assert.ok(validation?.type === 'validation.finished');
    assert.equal(validation.passed, false);
    assert.match(validation.summary, /still critical: connection_usage/);
  });

  it('refuses a decision from someone who is not an approver, and reports nothing on the run', async () => {
    const { service, restart } = await setup('unauthorized');
    const record = await (
      await service.startRunbook({ runbookId: 'db-connections', params: {}, actor: 'a', origin })
    ).done;
    await assert.rejects(
      service.decideApproval(record.approvalIds[0] ?? '', 'approve', { id: 'cli:mallory', via: 'cli' }),
      (error: unknown) => error instanceof RunbookError && error.code === 'approval.unauthorized',
    );
    assert.equal(restart.executed.length, 0);
    assert.ok(!(await service.get(record.id))?.events.some((event) => event.type === 'approval.decided'));
  });

  it('runs nothing when an approval is denied', async () => {
    const { service, restart } = await setup('deny');
    const record = await (
      await service.startRunbook({ runbookId: 'db-connections', params: {}, actor: 'a', origin })
    ).done;
    await service.decideApproval(record.approvalIds[0] ?? '', 'deny', { id: 'cli:bob', via: 'cli' });
    assert.equal(restart.executed.length, 0);
    const events = (await service.get(record.id))?.events ?? [];
    const decided = events.find((event) => event.type === 'approval.decided');
    assert.ok(decided?.type === 'approval.decided' && decided.decision === 'denied');
    assert.ok(!events.some((event) => event.type === 'action.finished'));
  });

  it('aborts a running run, which ends cancelled', async () => {
    const { service, prometheus } = await setup('abort');
    const release = prometheus.hold();
    const handle = await service.startRunbook({
      runbookId: 'db-connections',
      params: {},
      actor: 'a',
      origin,
    });
    const record = await service.abort(handle.runId, 'cli:alice');
    release();
    assert.equal(record.status, 'cancelled');
    await assert.rejects(service.abort(handle.runId, 'cli:alice'), /run\.invalid_state|is cancelled/);
  });

  it('pauses at the next step boundary and carries on when resumed', async () => {
    const { service, prometheus } = await setup('pause');
    const release = prometheus.hold();
    const handle = await service.startRunbook({
      runbookId: 'db-connections',
      params: {},
      actor: 'a',
      origin,
    });
    const paused = await service.pause(handle.runId, 'cli:alice');
    assert.equal(paused.status, 'paused');
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waiting = await service.get(handle.runId);
    assert.equal(waiting?.status, 'paused');
    assert.ok(!waiting?.events.some((event) => event.type === 'decision.taken'), 'no decision while paused');
    await service.resume(handle.runId, 'cli:alice');
    assert.equal((await handle.done).status, 'completed');
  });

  it('keeps history across a restart: a new service over the same store lists and shows the run', async () => {
    const first = await setup('history');
    const record = await (
      await first.service.startRunbook({ runbookId: 'db-connections', params: {}, actor: 'a', origin })
    ).done;
    await first.service.close();
    const second = createRunService({ ...first.deps, newId: () => 'other' });
    assert.equal((await second.get(record.id))?.status, 'completed');
    assert.deepEqual(
      (await second.list({ runbookId: 'db-connections' })).map((run) => run.id),
      [record.id],
    );
    assert.deepEqual(await second.list({ status: 'failed' }), []);
  });

  it('keeps running when a sink throws', async () => {
    const errors: unknown[] = [];
    const { service } = await setup('bad-sink', { onSinkError: (error) => errors.push(error) });
    const handle = await service.startRunbook(
      { runbookId: 'db-connections', params: {}, actor: 'a', origin },
      {
        emit: () => {
          throw new Error('slack is down');
        },
      },
    );
    assert.equal((await handle.done).status, 'completed');
    assert.ok(errors.length > 0);
  });

  it('refuses an investigation without an investigator, and stores one with it', async () => {
    const bare = await setup('no-investigator');
    await assert.rejects(
      bare.service.startInvestigation({ trigger: { target: 'checkout' }, actor: 'a', origin }),
      (error: unknown) => error instanceof RunbookError && /no investigator/.test(error.message),
    );
    const restartPlan = await recordingRestart().action.plan(
      { type: 'restart', target: { kind: 'Deployment', name: 'checkout', namespace: 'production' } },
      'medium',
    );
    const investigator: Investigator = {
      async investigate(trigger, context) {
        context.emit({
          type: 'hypothesis.formed',
          runId: context.runId,
          at: context.now().toISOString(),
          hypothesis: {
            id: 'h1',
            category: 'bad-deploy',
            statement: 'the deploy',
            checks: [],
            confidence: 0.5,
            status: 'open',
          },
        });
        return {
          trigger,
          conclusion: {
            category: 'bad-deploy',
            summary: 'The 12:00 deploy broke checkout',
            confidence: 'high',
            supportingEvidence: [],
            ruledOut: [],
            remediations: [
              {
                runbookId: 'db-connections',
                remediationId: 'restart-app',
                name: 'Restart',
                actionType: 'restart',
                risk: 'medium',
                requiresApproval: true,
                plan: restartPlan,
              },
            ],
          },
          hypotheses: [],
          evidence: [],
          checks: [],
          knowledge: [],
          planner: 'deterministic',
          reportMarkdown: '# Report',
          durationMs: 1,
        };
      },
    };
    const withInvestigator = await setup('investigator', { investigator });
    const record = await (
      await withInvestigator.service.startInvestigation({
        trigger: { target: 'checkout' },
        actor: 'a',
        origin,
      })
    ).done;
    assert.equal(record.kind, 'investigation');
    assert.equal(record.reportMarkdown, '# Report');
    assert.deepEqual(types(record.events), [
      'run.started',
      'hypothesis.formed',
      'conclusion',
      'remediation.proposed',
      'run.finished',
    ]);
    assert.equal(record.approvalIds.length, 1);
    assert.equal(record.approvalRunbooks?.[record.approvalIds[0] ?? '']?.id, 'db-connections');
  });

  it('close waits for in-flight runs and then refuses new ones', async () => {
    const { service, prometheus } = await setup('close');
    const release = prometheus.hold();
    const handle = await service.startRunbook({
      runbookId: 'db-connections',
      params: {},
      actor: 'a',
      origin,
    });
    setTimeout(release, 30);
    await service.close();
    assert.equal((await service.get(handle.runId))?.status, 'completed');
    await assert.rejects(
      service.startRunbook({ runbookId: 'db-connections', params: {}, actor: 'a', origin }),
      /shutting down/,
    );
  });
});
