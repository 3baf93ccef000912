import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RunbookError } from '../../src/errors/index.ts';
import {
  APPROVER,
  eventLog,
  fakeCluster,
  fakeMetrics,
  procedureService,
  removeDir,
  stepIs,
  tempDir,
} from './procedures-harness.ts';

const origin = { source: 'cli' as const };
const approver = { id: APPROVER, via: 'cli' as const };
let dir: string;
let count = 0;
before(async () => {
  dir = await tempDir('runbook-procedures-');
});
after(async () => {
  await removeDir(dir);
});
const fresh = () => `${dir}/case-${++count}`;

describe('procedure step flows', () => {
  it('skips a step whose if: does not hold and lets later steps read earlier results', async () => {
    const metrics = fakeMetrics(() => 3);
    const app = await procedureService(
      fresh(),
      {
        'flow.yaml': `id: flow
name: Flow
parameters:
  - name: env
    default: staging
diagnostics:
  - id: errors
    type: prometheus_query
    query: errors
steps:
  - id: prod_only
    if: "params.env == 'production'"
    diagnostic: errors
  - id: always
    diagnostic: errors
  - id: after_check
    if: "steps.always.status == 'complete' && steps.always.value == 3.0 && steps.prod_only.status == 'skipped'"
    diagnostic: errors
`,
      },
      { metrics: metrics.provider },
    );
    try {
      const log = eventLog();
      const handle = await app.service.startRunbook(
        { runbookId: 'flow', params: {}, actor: 'cli:alice', origin },
        log.sink,
      );
      const record = await handle.done;
      assert.equal(record.status, 'completed');
      const final = (id: string) => {
        const last = log.events.findLast((event) => event.type === 'step.changed' && event.stepId === id);
        return last?.type === 'step.changed' ? last.status : undefined;
      };
      assert.equal(final('prod_only'), 'skipped');
      assert.equal(final('always'), 'complete');
      assert.equal(final('after_check'), 'complete');
      assert.equal(metrics.calls.get('errors'), 2);
    } finally {
      await app.close();
    }
  });

  it('retries a failing step with doubling backoff until it succeeds', async () => {
    const metrics = fakeMetrics((_query, call) => (call < 3 ? new Error('connection refused') : 1));
    const app = await procedureService(
      fresh(),
      {
        'retry.yaml': `id: retry
name: Retry
mode: procedure
steps:
  - id: probe
    diagnostic: {id: probe, type: prometheus_query, query: up}
    retry: {attempts: 3, backoff: 100ms}
`,
      },
      { metrics: metrics.provider },
    );
    try {
      const log = eventLog();
      const started = Date.now();
      const handle = await app.service.startRunbook(
        { runbookId: 'retry', params: {}, actor: 'cli:alice', origin },
        log.sink,
      );
      const record = await handle.done;
      const elapsed = Date.now() - started;
      assert.equal(record.status, 'completed');
      assert.equal(metrics.calls.get('up'), 3);
      assert.ok(elapsed >= 300, `waited 100 ms then 200 ms between attempts (took ${elapsed} ms)`);
      const attempts = log.events.filter(
        (event) => event.type === 'step.changed' && event.status === 'running',
      );
      assert.equal(attempts.length, 3);
    } finally {
      await app.close();
    }
  });

  it('fails the run after the last attempt, unless the step continues on error', async () => {
    const metrics = fakeMetrics(() => new Error('down'));
    const app = await procedureService(
      fresh(),
      {
        'fails.yaml': `id: fails
name: Fails
mode: procedure
steps:
  - id: tolerated
    continueOnError: true
    diagnostic: {id: a, type: prometheus_query, query: a}
  - id: fatal
    retry: {attempts: 2, backoff: 10ms}
    diagnostic: {id: b, type: prometheus_query, query: b}
  - never reached
`,
      },
      { metrics: metrics.provider },
    );
    try {
      const log = eventLog();
      const handle = await app.service.startRunbook(
        { runbookId: 'fails', params: {}, actor: 'cli:alice', origin },
        log.sink,
      );
      const record = await handle.done;
      assert.equal(record.status, 'failed');
      const finished = log.events.find((event) => event.type === 'run.finished');
      assert.match(
        finished?.type === 'run.finished' ? finished.summary : '',
        /step fatal failed: .*after 2 attempts/,
      );
      assert.ok(!log.events.some(stepIs('step_3', 'waiting')), 'the step after the failure never starts');
    } finally {
      await app.close();
    }
  });

  it('runs a parallel group concurrently', async () => {
    const metrics = fakeMetrics(() => 1, 300);
    const app = await procedureService(
      fresh(),
      {
        'par.yaml': `id: par
name: Parallel
mode: procedure
steps:
  - id: group
    parallel:
      - diagnostic: {id: a, type: prometheus_query, query: a}
      - diagnostic: {id: b, type: prometheus_query, query: b}
      - diagnostic: {id: c, type: prometheus_query, query: c}
`,
      },
      { metrics: metrics.provider },
    );
    try {
      const log = eventLog();
      const started = Date.now();
      const handle = await app.service.startRunbook(
        { runbookId: 'par', params: {}, actor: 'cli:alice', origin },
        log.sink,
      );
      const record = await handle.done;
      const elapsed = Date.now() - started;
      assert.equal(record.status, 'completed');
      assert.ok(elapsed < 800, `three 300 ms checks at once took ${elapsed} ms, not 900 ms`);
      for (const id of ['group_1', 'group_2', 'group_3', 'group']) {
        assert.ok(log.events.some(stepIs(id, 'complete')), `${id} completes`);
      }
    } finally {
      await app.close();
    }
  });

  it('refuses a run whose precondition does not hold, with the reason', async () => {
    const metrics = fakeMetrics(() => 0.2);
    const app = await procedureService(
      fresh(),
      {
        'pre.yaml': `id: pre
name: Pre
diagnostics:
  - id: usage
    type: prometheus_query
    query: usage
preconditions:
  - expression: "diagnostics.usage.value > 0.8"
    message: connection usage must be above 80% before terminating sessions
steps:
  - Terminate the idle sessions.
`,
      },
      { metrics: metrics.provider },
    );
    try {
      const handle = await app.service.startRunbook({
        runbookId: 'pre',
        params: {},
        actor: 'cli:alice',
        origin,
      });
      const record = await handle.done;
      assert.equal(record.status, 'failed');
      const error = record.events.find((event) => event.type === 'error');
      assert.equal(error?.type === 'error' && error.code, 'run.refused');
      assert.match(
        error?.type === 'error' ? error.message : '',
        /precondition not met: connection usage must be above 80%/,
      );
      assert.deepEqual(app.service.waitingSteps(record.id), []);
    } finally {
      await app.close();
    }
  });

  it('walks back the actions taken, newest first, each as its own approval, when a success criterion fails', async () => {
    const cluster = fakeCluster();
    cluster.replicas.set('api', 2);
    cluster.replicas.set('worker', 4);
    // The error rate rises with every action: fine after the first, failing after the second.
    const metrics = fakeMetrics(() => cluster.executed.length);
    const app = await procedureService(
      fresh(),
      {
        'walk.yaml': `id: walk
name: Walk back
diagnostics:
  - id: errors
    type: prometheus_query
    query: errors
remediations:
  - id: scale-api
    name: Scale the API
    type: automated
    risk: low
    action: {type: scale, target: {name: api, namespace: prod}, replicas: 6}
  - id: scale-worker
    name: Scale the workers
    type: automated
    risk: low
    action: {type: scale, target: {name: worker, namespace: prod}, replicas: 8}
successCriteria:
  - "diagnostics.errors.value < 2.0"
onFailure: rollback
steps:
  - action: scale-api
  - action: scale-worker
`,
      },
      { metrics: metrics.provider, cluster },
    );
    try {
      const log = eventLog();
      const handle = await app.service.startRunbook(
        { runbookId: 'walk', params: {}, actor: 'cli:alice', origin },
        log.sink,
      );
      const proposals: string[] = [];
      for (let index = 0; index < 4; index += 1) {
        const proposed = await log.next(
          (event) => event.type === 'remediation.proposed' && !proposals.includes(event.approvalId ?? ''),
        );
        assert.ok(proposed.type === 'remediation.proposed' && proposed.approvalId);
        proposals.push(proposed.approvalId);
        await app.service.decideApproval(proposed.approvalId, 'approve', approver);
      }
      const record = await handle.done;
      assert.equal(record.status, 'failed');
      const requested = await Promise.all(proposals.map((id) => app.approvals.get(id)));
      assert.deepEqual(
        requested.map((approval) => approval?.remediationId),
        ['scale-api', 'scale-worker', 'scale-worker-rollback', 'scale-api-rollback'],
      );
      assert.deepEqual(
        cluster.executed.map((plan) => plan.dryRun),
        [
          'kubectl scale deployment/prod/api --replicas=6',
          'kubectl scale deployment/prod/worker --replicas=8',
          'kubectl scale deployment/prod/worker --replicas=4',
          'kubectl scale deployment/prod/api --replicas=2',
        ],
      );
      assert.deepEqual([cluster.replicas.get('api'), cluster.replicas.get('worker')], [2, 4]);
      const finished = record.events.find((event) => event.type === 'run.finished');
      assert.match(
        finished?.type === 'run.finished' ? finished.summary : '',
        /success criterion failed after step_2/,
      );
    } finally {
      await app.close();
    }
  });

  it('refuses to execute an approval whose run was aborted while it waited', async () => {
    const cluster = fakeCluster();
    cluster.replicas.set('api', 2);
    const app = await procedureService(
      fresh(),
      {
        'hold.yaml': `id: hold
name: Scale and hold
remediations:
  - id: scale-api
    name: Scale the API
    type: automated
    risk: low
    action: {type: scale, target: {name: api, namespace: prod}, replicas: 6}
steps:
  - action: scale-api
`,
      },
      { cluster },
    );
    try {
      const log = eventLog();
      const handle = await app.service.startRunbook(
        { runbookId: 'hold', params: {}, actor: 'cli:alice', origin },
        log.sink,
      );
      const proposed = await log.next((event) => event.type === 'remediation.proposed');
      assert.ok(proposed.type === 'remediation.proposed' && proposed.approvalId);
      await app.service.abort(handle.runId, 'cli:alice');
      assert.equal((await handle.done).status, 'cancelled');
      await assert.rejects(
        app.service.decideApproval(proposed.approvalId, 'approve', approver),
        (error: unknown) => error instanceof RunbookError && error.code === 'run.invalid_state',
      );
      assert.deepEqual(cluster.executed, []);
      assert.equal(cluster.replicas.get('api'), 2);
    } finally {
      await app.close();
    }
  });

  it('waits for an approver on an approval step and refuses anyone else', async () => {
    const app = await procedureService(fresh(), {
      'gate.yaml': `id: gate
name: Gate
steps:
  - id: go
    approval: Fail over the primary database?
  - id: after
    instruction: Tell the channel the failover started.
`,
    });
    try {
      const log = eventLog();
      const handle = await app.service.startRunbook(
        { runbookId: 'gate', params: {}, actor: 'cli:alice', origin },
        log.sink,
      );
      const waiting = await log.next(stepIs('go', 'waiting'));
      assert.equal(waiting.type === 'step.changed' && waiting.prompt, 'Fail over the primary database?');
      await assert.rejects(
        app.service.answerStep(handle.runId, 'go', 'approve', { id: 'U-SOMEONE', via: 'slack' }),
        (error: unknown) => error instanceof RunbookError && error.code === 'approval.unauthorized',
      );
      await assert.rejects(
        app.service.answerStep(handle.runId, 'go', 'done', approver),
        (error: unknown) => error instanceof RunbookError && error.code === 'run.invalid_state',
      );
      await app.service.answerStep(handle.runId, 'go', 'approve', approver);
      await log.next(stepIs('after', 'waiting'));
      await app.service.answerStep(handle.runId, 'after', 'done', { id: 'U-ANYONE', via: 'slack' });
      const record = await handle.done;
      assert.equal(record.status, 'completed');
    } finally {
      await app.close();
    }
  });

  it('pauses at the next step boundary, resumes, and aborts', async () => {
    const app = await procedureService(fresh(), {
      'manual.yaml': `id: manual
name: Manual
mode: procedure
steps:
  - Drain the node.
  - Reboot the node.
  - Uncordon the node.
`,
    });
    try {
      const log = eventLog();
      const handle = await app.service.startRunbook(
        { runbookId: 'manual', params: {}, actor: 'cli:alice', origin },
        log.sink,
      );
      await log.next(stepIs('step_1', 'waiting'));
      const paused = await app.service.pause(handle.runId, 'cli:alice');
      assert.equal(paused.status, 'paused');
      await app.service.answerStep(handle.runId, 'step_1', 'done', approver);
      await log.next(stepIs('step_1', 'complete'));
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.ok(!log.events.some(stepIs('step_2', 'waiting')), 'a paused run does not start the next step');
      assert.equal((await app.service.get(handle.runId))?.status, 'paused');
      await app.service.resume(handle.runId, 'cli:alice');
      await log.next(stepIs('step_2', 'waiting'));
      const aborted = await app.service.abort(handle.runId, 'cli:alice');
      assert.equal(aborted.status, 'cancelled');
      assert.ok(!log.events.some(stepIs('step_3', 'waiting')));
    } finally {
      await app.close();
    }
  });

  it('keeps a paused run across a restart and resumes it where it stopped', async () => {
    const caseDir = fresh();
    const files = {
      'restart.yaml': `id: restart
name: Restart
mode: procedure
steps:
  - id: first
    instruction: Announce the maintenance.
  - id: second
    instruction: Restart the primary.
`,
    };
    const first = await procedureService(caseDir, files);
    const log = eventLog();
    const handle = await first.service.startRunbook(
      { runbookId: 'restart', params: {}, actor: 'cli:alice', origin },
      log.sink,
    );
    await log.next(stepIs('first', 'waiting'));
    await first.service.pause(handle.runId, 'cli:alice');
    await first.service.answerStep(handle.runId, 'first', 'done', approver);
    await log.next(stepIs('first', 'complete'));
    await first.close();
    assert.equal((await handle.done).status, 'paused');

    const second = await procedureService(caseDir, files);
    try {
      const stored = await second.service.get(handle.runId);
      assert.equal(stored?.status, 'paused');
      const resumed = await second.service.resume(handle.runId, 'cli:bob');
      assert.equal(resumed.status, 'running');
      const followed = eventLog();
      second.service.subscribe(handle.runId, followed.sink);
      await followed.next(stepIs('second', 'waiting'));
      assert.ok(!followed.events.some(stepIs('first', 'waiting')), 'the finished step is not asked again');
      await second.service.answerStep(handle.runId, 'second', 'done', approver);
      let record = await second.service.get(handle.runId);
      for (let tries = 0; record?.status !== 'completed' && tries < 50; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        record = await second.service.get(handle.runId);
      }
      assert.equal(record?.status, 'completed');
      assert.ok(
        record?.events.some(stepIs('first', 'complete')),
        'the record keeps what happened before the restart',
      );
    } finally {
      await second.close();
    }
  });

  it('aborts a paused run after a restart', async () => {
    const caseDir = fresh();
    const files = { 'p.yaml': 'id: p\nname: P\nmode: procedure\nsteps:\n  - One.\n  - Two.\n' };
    const first = await procedureService(caseDir, files);
    const log = eventLog();
    const handle = await first.service.startRunbook(
      { runbookId: 'p', params: {}, actor: 'cli:alice', origin },
      log.sink,
    );
    await log.next(stepIs('step_1', 'waiting'));
    await first.service.pause(handle.runId, 'cli:alice');
    await first.service.answerStep(handle.runId, 'step_1', 'done', approver);
    await log.next(stepIs('step_1', 'complete'));
    await first.close();
    const second = await procedureService(caseDir, files);
    try {
      const aborted = await second.service.abort(handle.runId, 'cli:bob');
      assert.equal(aborted.status, 'cancelled');
      assert.equal((await second.service.get(handle.runId))?.status, 'cancelled');
    } finally {
      await second.close();
    }
  });

  it('runs another runbook as a step, with parameters', async () => {
    const metrics = fakeMetrics((query) => (query === 'up{service="billing"}' ? 1 : 0));
    const app = await procedureService(
      fresh(),
      {
        'parent.yaml': `id: parent
name: Parent
parameters:
  - name: service
    default: billing
steps:
  - id: health
    runbook: child
    params: {target: '\${service}'}
  - id: done_check
    if: "steps.health.status == 'complete'"
    diagnostic: {id: again, type: prometheus_query, query: 'up{service="\${service}"}', health: {critical: 'value < 1.0'}}
`,
        'child.yaml': `id: child
name: Child
parameters:
  - name: target
steps:
  - diagnostic: {id: up, type: prometheus_query, query: 'up{service="\${target}"}', health: {critical: 'value < 1.0'}}
`,
      },
      { metrics: metrics.provider },
    );
    try {
      const handle = await app.service.startRunbook({
        runbookId: 'parent',
        params: {},
        actor: 'cli:alice',
        origin,
      });
      const record = await handle.done;
      assert.equal(record.status, 'completed');
      const children = await app.service.list({ runbookId: 'child' });
      assert.equal(children.length, 1);
      assert.deepEqual(children[0]?.params, { target: 'billing' });
      assert.equal(children[0]?.status, 'completed');
      assert.equal(metrics.calls.get('up{service="billing"}'), 2);
    } finally {
      await app.close();
    }
  });
});

describe('runbook calls at load', () => {
  it('rejects a call cycle between runbooks, with the file and line of each call', async () => {
    const metrics = fakeMetrics(() => 1);
    const app = await procedureService(
      fresh(),
      {
        'a.yaml': 'id: a\nname: A\nsteps:\n  - runbook: b\n',
        'b.yaml': 'id: b\nname: B\nsteps:\n  - Check it.\n  - runbook: a\n',
        'c.yaml': 'id: c\nname: C\nsteps:\n  - runbook: b\n',
      },
      { metrics: metrics.provider },
    );
    try {
      assert.equal(app.catalog.get('a'), undefined);
      assert.equal(app.catalog.get('b'), undefined);
      assert.ok(
        app.catalog.get('c'),
        'a runbook calling into a cycle still loads; its call fails at run time',
      );
      const cycles = app.catalog.issues.filter((issue) => /call cycle/.test(issue.message));
      assert.deepEqual(
        cycles
          .map((issue) => `${issue.file.split('/').pop()}:${issue.line}: ${issue.field}: ${issue.message}`)
          .sort(),
        [
          'a.yaml:4: steps[0].runbook: runbook call cycle: a → b → a; a runbook may not call back into itself',
          'b.yaml:5: steps[1].runbook: runbook call cycle: b → a → b; a runbook may not call back into itself',
        ],
      );
    } finally {
      await app.close();
    }
  });
});
