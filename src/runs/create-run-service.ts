import type { Approver } from '../approvals/index.ts';
import { auditSink } from '../audit/index.ts';
import type { RunbookRef } from '../engine/events.ts';
import { errorMessage, RunbookError } from '../errors/index.ts';
import type { InvestigationTrigger } from '../investigation/types.ts';
import { isProcedure, resolveParams } from '../runbooks/index.ts';
import { decideApproval } from './decide-approval.ts';
import type { RunServiceDeps } from './deps.ts';
import { executeInvestigation } from './execute-investigation.ts';
import { executeRunbook } from './execute-runbook.ts';
import { createProcedureRuns } from './procedure-runs.ts';
import { resolveRunbook } from './resolve-runbook.ts';
import { createRunControl } from './run-control.ts';
import { listRuns, loadRun } from './run-records.ts';
import { createRunRegistry } from './run-registry.ts';
import { createRunStarter } from './start-run.ts';
import { createStepPrompts } from './step-prompts.ts';
import type { ApprovalDecision, RunOrigin, RunService } from './types.ts';

const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/** The one service layer every entry point calls: start, follow, pause, resume and abort runs; decide approvals. */
export function createRunService(deps: RunServiceDeps): RunService {
  const onError =
    deps.onSinkError ??
    ((error: unknown) => console.error(`runbook: a progress sink failed: ${errorMessage(error)}`));
  const registry = createRunRegistry({ store: deps.store, audit: deps.audit, onError });
  const audit = auditSink(deps.audit, { onError: (error) => onError(error) });
  const control = createRunControl({
    store: deps.store,
    now: deps.now,
    onError,
    ...(deps.controlWaitMs === undefined ? {} : { waitMs: deps.controlWaitMs }),
    apply: (runId, request) => service[request.action](runId, request.actor),
  });
  const unwatched = createRunStarter({ ...deps, registry, auditSink: audit, onError });
  // Every run this process executes takes requests from other processes (the CLI) while it runs.
  const starter: typeof unwatched = {
    ...unwatched,
    execute(run, body) {
      const stop = control.watch(run.record.id);
      return unwatched.execute(run, async () => {
        try {
          return await body();
        } finally {
          // A run paused across a restart gives its lease up at once, so another process may resume it.
          await stop(run.suspended);
        }
      });
    },
  };
  const { open, execute } = starter;
  const prompts = createStepPrompts({ approvers: () => deps.approvers });
  let closed = false;

  function refuseWhenClosed(): void {
    if (closed)
      throw new RunbookError(
        'run.invalid_state',
        'the run service is shutting down; start the run again once it is back',
      );
  }

  async function liveEntry(runId: string) {
    const entry = registry.entries.get(runId);
    if (entry?.done) return entry;
    const record = await loadRun(deps.store, runId);
    if (!record) throw new RunbookError('run.not_found', `no run "${runId}"`);
    throw new RunbookError(
      'run.invalid_state',
      `run "${runId}" is ${record.status}${entry ? '' : ' and not executing in this process'}; only a running or paused run can change`,
    );
  }

  const service: RunService = {
    async startRunbook(request, sink) {
      refuseWhenClosed();
      const { runbook, warnings } = resolveRunbook(deps.catalog, request.runbookId);
      const params = resolveParams(runbook.definition, request.params);
      const ref: RunbookRef = { id: runbook.definition.id, version: runbook.version, hash: runbook.hash };
      const run = open(
        {
          kind: 'runbook',
          target: runbook.definition.service ?? ref.id,
          runbook: ref,
          params,
          actor: request.actor,
          origin: request.origin,
          warnings,
        },
        sink,
      );
      if (warnings.length > 0) run.record.warnings = warnings;
      if (isProcedure(runbook.definition)) {
        return execute(run, () => procedures.execute(run, runbook, params));
      }
      return execute(run, () => executeRunbook(run, runbook, params, deps));
    },

    async startInvestigation(
      request: { trigger: InvestigationTrigger; actor: string; origin: RunOrigin },
      sink,
    ) {
      refuseWhenClosed();
      const investigator = deps.investigator;
      if (!investigator) {
        throw new RunbookError(
          'config.invalid',
          'this run service has no investigator; build it with buildApp, which wires the investigation',
        );
      }
      const params = { ...request.trigger.params };
      const run = open(
        {
          kind: 'investigation',
          target: request.trigger.target,
          params,
          actor: request.actor,
          origin: request.origin,
        },
        sink,
      );
      return execute(run, () => executeInvestigation(run, investigator, request.trigger, deps));
    },

    async get(runId) {
      const entry = registry.entries.get(runId);
      return entry ? structuredClone(entry.run.record) : loadRun(deps.store, runId);
    },

    async list(filter = {}) {
      const { limit, status, ...rest } = filter;
      const byId = new Map((await listRuns(deps.store, rest)).map((record) => [record.id, record]));
      for (const [id, entry] of registry.entries) {
        const record = entry.run.record;
        const wanted =
          (rest.runbookId === undefined || record.runbook?.id === rest.runbookId) &&
          (rest.target === undefined || record.target === rest.target);
        if (wanted) byId.set(id, structuredClone(record));
      }
      const records = [...byId.values()]
        .filter((record) => status === undefined || record.status === status)
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      return limit === undefined ? records : records.slice(0, limit);
    },

    subscribe: (runId, sink) => registry.subscribe(runId, sink),

    async pause(runId, actor) {
      if (!registry.entries.get(runId)?.done) {
        const forwarded = await control.forward(runId, 'pause', actor);
        if (forwarded) return forwarded;
      }
      const { run } = await liveEntry(runId);
      if (run.record.status !== 'running') {
        throw new RunbookError(
          'run.invalid_state',
          `run "${runId}" is ${run.record.status}; only a running run can pause`,
        );
      }
      run.pause(actor);
      await run.settle();
      return structuredClone(run.record);
    },

    async resume(runId, actor) {
      refuseWhenClosed();
      if (!registry.entries.get(runId)?.done) {
        const forwarded = await control.forward(runId, 'resume', actor);
        if (forwarded) return forwarded;
        const handle = await procedures.resumeStored(runId, actor);
        return (await service.get(handle.runId)) ?? (await handle.done);
      }
      const { run } = await liveEntry(runId);
      if (run.record.status !== 'paused') {
        throw new RunbookError(
          'run.invalid_state',
          `run "${runId}" is ${run.record.status}; only a paused run can resume`,
        );
      }
      run.resume(actor);
      await run.settle();
      return structuredClone(run.record);
    },

    async abort(runId, actor) {
      if (!registry.entries.get(runId)?.done) {
        const forwarded = await control.forward(runId, 'abort', actor);
        if (forwarded) return forwarded;
        const stored = await loadRun(deps.store, runId);
        if (stored?.status === 'paused') return procedures.abortStored(runId, actor);
        // No process executes it any more (it stopped without finishing): end it here.
        if (stored?.status === 'running' && !registry.entries.has(runId)) {
          const run = starter.reopen(stored, undefined);
          run.abort(actor);
          return starter.execute(run, async () => 'aborted: no process was executing it').done;
        }
      }
      const { run, done } = await liveEntry(runId);
      run.abort(actor);
      return (await done) ?? structuredClone(run.record);
    },

    decideApproval: (approvalId: string, decision: ApprovalDecision, approver: Approver) =>
      decideApproval({ ...deps, registry }, approvalId, decision, approver),

    async answerStep(runId, stepId, answer, actor, note) {
      prompts.answer(runId, stepId, answer, actor, note);
    },

    waitingSteps: (runId) => prompts.list(runId),

    async close() {
      closed = true;
      const executing = [...registry.entries.values()].flatMap((entry) => (entry.done ? [entry] : []));
      // A paused run stays paused across the restart: it stops here and resumes from the store.
      for (const entry of executing) if (entry.run.record.status === 'paused') entry.run.suspend();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), deps.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
      });
      const all = Promise.all(executing.map((entry) => entry.done));
      const first = await Promise.race([all, timedOut]);
      clearTimeout(timer);
      if (first === 'timeout') {
        for (const entry of executing) entry.run.abort('shutdown');
        await all;
      }
    },
  };
  const procedures = createProcedureRuns({ deps, registry, starter, prompts, service: () => service });
  return service;
}
