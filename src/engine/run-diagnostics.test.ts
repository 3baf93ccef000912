import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { compileExpression, HEALTH_VARIABLES } from '../expressions/index.ts';
import type { CheckContext, CheckResult, Provider } from '../providers/types.ts';
import type { DiagnosticDefinition } from '../runbooks/schema.ts';
import type { ProgressEvent } from './events.ts';
import { runDiagnostics } from './run-diagnostics.ts';

type Query = Extract<DiagnosticDefinition, { type: 'prometheus_query' }>;
type Behaviour = (step: Query, context: CheckContext) => Promise<CheckResult>;

/** A Prometheus provider of our own interface whose answer and latency each test chooses. */
function recordingProvider(behaviour: Behaviour) {
  const calls: Array<{ step: Query; context: CheckContext }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const provider: Provider<'prometheus_query'> = {
    type: 'prometheus_query',
    isConfigured: true,
    async check(step, context) {
      calls.push({ step, context });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await behaviour(step, context);
      } finally {
        inFlight -= 1;
      }
    },
  };
  return { provider, calls, maxInFlight: () => maxInFlight };
}

function value(v: number | null): CheckResult {
  return { status: 'ok', value: v, series: [], items: [], fields: {}, summary: `value ${v}`, durationMs: 0 };
}

const latency =
  (ms: number, v = 1): Behaviour =>
  async (_step, context) => {
    await sleep(ms, undefined, { signal: context.signal });
    return value(v);
  };

function query(id: string, extra: Partial<Query> = {}): Query {
  return { id, type: 'prometheus_query', query: `metric_${id}`, ...extra };
}

function options(provider: Provider<'prometheus_query'>, extra: Record<string, unknown> = {}) {
  return {
    providers: { prometheus_query: provider },
    expression: (source: string) => compileExpression(source, HEALTH_VARIABLES),
    params: { service: 'checkout' },
    runId: 'run-1',
    now: () => new Date(),
    signal: new AbortController().signal,
    ...extra,
  };
}

describe('runDiagnostics', () => {
  it('runs 20 steps of 200 ms in parallel in far less than their sum', async () => {
    const fake = recordingProvider(latency(200));
    const steps = Array.from({ length: 20 }, (_, i) => query(`s${i}`));
    const started = performance.now();
    const outcomes = await runDiagnostics(steps, options(fake.provider, { concurrency: 20 }));
    const wallMs = performance.now() - started;
    assert.equal(outcomes.length, 20);
    assert.ok(outcomes.every((o) => o.health === 'healthy'));
    assert.ok(wallMs < 1500, `took ${wallMs} ms`);
  });

  it('never runs more checks at once than the concurrency limit', async () => {
    const fake = recordingProvider(latency(30));
    const steps = Array.from({ length: 10 }, (_, i) => query(`s${i}`));
    await runDiagnostics(steps, options(fake.provider, { concurrency: 3 }));
    assert.equal(fake.calls.length, 10);
    assert.equal(fake.maxInFlight(), 3);
  });

  it('turns a step that exceeds its own timeout into an error and moves on', async () => {
    const fake = recordingProvider(async (step, context) =>
      step.id === 'slow' ? new Promise<CheckResult>(() => {}) : latency(5)(step, context),
    );
    const started = performance.now();
    const outcomes = await runDiagnostics(
      [query('slow', { timeout: '100ms' }), query('fast')],
      options(fake.provider, { defaultTimeoutMs: 5000 }),
    );
    assert.ok(performance.now() - started < 1000);
    assert.equal(outcomes[0]?.health, 'error');
    assert.match(outcomes[0]?.reason ?? '', /"slow" timed out after 100 ms/);
    assert.equal(outcomes[1]?.health, 'healthy');
  });

  it('applies the default timeout to a hanging provider and aborts its signal', async () => {
    let aborted = false;
    const fake = recordingProvider(async (_step, context) => {
      context.signal.addEventListener('abort', () => {
        aborted = true;
      });
      return new Promise<CheckResult>(() => {});
    });
    const [outcome] = await runDiagnostics(
      [query('hangs')],
      options(fake.provider, { defaultTimeoutMs: 50 }),
    );
    assert.equal(outcome?.health, 'error');
    assert.match(outcome?.outcome.error ?? '', /timed out after 50 ms/);
    assert.ok(aborted, 'the provider was told to stop');
  });

  it('turns a throwing provider into an error outcome with its message', async () => {
    const fake = recordingProvider(async (step) => {
      if (step.id === 'throws') throw new Error('socket hang up');
      return value(1);
    });
    const outcomes = await runDiagnostics([query('throws'), query('fine')], options(fake.provider));
    assert.equal(outcomes[0]?.health, 'error');
    assert.match(outcomes[0]?.reason ?? '', /socket hang up/);
    assert.equal(outcomes[1]?.health, 'healthy');
  });

  it('reports a step whose type has no provider', async () => {
    const fake = recordingProvider(latency(1));
    const http: DiagnosticDefinition = { id: 'site', type: 'http_check', url: 'http://example.invalid' };
    const [outcome] = await runDiagnostics([http], options(fake.provider));
    assert.equal(outcome?.health, 'error');
    assert.equal(outcome?.reason, 'no provider for http_check');
  });

  it('keeps input order in results and emits started before finished for every check', async () => {
    const fake = recordingProvider(async (step, context) => latency(step.id === 'a' ? 80 : 5)(step, context));
    const events: ProgressEvent[] = [];
    const outcomes = await runDiagnostics(
      [query('a'), query('b'), query('c')],
      options(fake.provider, { emit: (event: ProgressEvent) => events.push(event), runbookId: 'db' }),
    );
    assert.deepEqual(
      outcomes.map((o) => o.step.id),
      ['a', 'b', 'c'],
    );
    const finishedOrder = events.flatMap((e) => (e.type === 'check.finished' ? [e.outcome.checkId] : []));
    assert.equal(finishedOrder.at(-1), 'a', 'the slow check finished last, in real time');
    for (const id of ['a', 'b', 'c']) {
      const started = events.findIndex((e) => e.type === 'check.started' && e.checkId === id);
      const finished = events.findIndex((e) => e.type === 'check.finished' && e.outcome.checkId === id);
      assert.ok(started >= 0 && started < finished, `${id}: started ${started}, finished ${finished}`);
    }
    assert.ok(events.every((e) => e.runId === 'run-1'));
    assert.equal(outcomes[0]?.outcome.runbookId, 'db');
  });

  it('stops every running check when the run is aborted', async () => {
    const controller = new AbortController();
    const fake = recordingProvider(async () => new Promise<CheckResult>(() => {}));
    setTimeout(() => controller.abort(), 30);
    const outcomes = await runDiagnostics(
      [query('a'), query('b'), query('c')],
      options(fake.provider, { signal: controller.signal, concurrency: 2 }),
    );
    assert.ok(outcomes.every((o) => o.health === 'error'));
    assert.match(outcomes[2]?.reason ?? '', /aborted before "c" started/);
  });

  it('gives providers the run parameters and clock', async () => {
    const fake = recordingProvider(latency(1));
    const clock = new Date('2026-01-01T12:00:00Z');
    await runDiagnostics([query('a')], options(fake.provider, { now: () => clock }));
    assert.deepEqual(fake.calls[0]?.context.params, { service: 'checkout' });
    assert.equal(fake.calls[0]?.context.now.toISOString(), clock.toISOString());
  });
});
