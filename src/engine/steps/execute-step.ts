import { errorMessage } from '../../errors/index.ts';
import { type FlowStep, parseDurationMs } from '../../runbooks/index.ts';
import { conditionHolds } from './step-context.ts';
import type { ProcedureState, StepOutcome, StepPorts, StepResult } from './types.ts';
import { withTimeout } from './with-timeout.ts';

/** One attempt of a step's own work (a parallel group runs its members at once). */
async function attempt(
  step: FlowStep,
  ports: StepPorts,
  state: ProcedureState,
  signal: AbortSignal,
): Promise<StepOutcome> {
  switch (step.kind) {
    case 'diagnostic': {
      const outcome = await ports.diagnostic(step.diagnostic, signal);
      if (outcome.view) {
        const id = typeof step.diagnostic === 'string' ? step.diagnostic : step.diagnostic.id;
        state.diagnostics[id] = outcome.view;
      }
      return outcome;
    }
    case 'action': {
      const outcome = await ports.action(step, signal);
      if (outcome.status === 'succeeded' && outcome.plan && outcome.approvalId) {
        state.actions.push({
          stepId: step.id,
          remediationId: step.remediationId,
          approvalId: outcome.approvalId,
          plan: outcome.plan,
        });
      }
      return { ok: outcome.status === 'succeeded', summary: outcome.summary, answer: outcome.status };
    }
    case 'approval':
      return ports.approval(step, signal);
    case 'instruction':
      return ports.instruction(step, signal);
    case 'runbook':
      return ports.runbook(step, signal);
    case 'parallel': {
      const results = await Promise.all(
        step.steps.map((member) => executeStep(member, ports, state, signal)),
      );
      const failed = step.steps.filter(
        (member, index) => results[index]?.status === 'failed' && !member.continueOnError,
      );
      const done = results.filter((result) => result.status === 'complete').length;
      return failed.length > 0
        ? { ok: false, summary: `failed: ${failed.map((member) => member.id).join(', ')}` }
        : { ok: true, summary: `${done}/${results.length} steps complete` };
    }
    default:
      return step satisfies never;
  }
}

/** Waiting for a person is `waiting`; everything else (an instruction the model carries out too) runs. */
function startStatus(step: FlowStep, ports: StepPorts) {
  if (step.kind === 'instruction' && step.agent && ports.hasAgent) return 'running';
  return step.kind === 'instruction' || step.kind === 'approval' ? 'waiting' : 'running';
}

/**
 * Runs one step: `if:` (skipped unless it holds), then up to `retry.attempts` attempts, each within
 * `timeout`, waiting `backoff`, 2×backoff, … between them. Records `steps.<id>` and reports every
 * change; a failure is a result, never a throw (an abort of the run still throws).
 */
export async function executeStep(
  step: FlowStep,
  ports: StepPorts,
  state: ProcedureState,
  signal: AbortSignal = ports.signal,
): Promise<StepResult> {
  const finish = (result: StepResult) => {
    state.results[step.id] = result;
    ports.changed(step, result.status, result.summary);
    return result;
  };
  if (step.if !== undefined) {
    const condition = conditionHolds(ports, state, step.if);
    if (!condition.holds) {
      const why =
        condition.error === undefined ? `skipped: ${step.if} is false` : `skipped: ${condition.error}`;
      return finish({ status: 'skipped', summary: why, attempts: 0 });
    }
  }
  const attempts = step.retry?.attempts ?? 1;
  const backoffMs = step.retry?.backoff === undefined ? 0 : (parseDurationMs(step.retry.backoff) ?? 0);
  const timeoutMs = step.timeout === undefined ? undefined : parseDurationMs(step.timeout);
  let last: StepOutcome = { ok: false, summary: 'not run' };
  let made = 0;
  for (let number = 1; number <= attempts; number += 1) {
    made = number;
    if (number > 1) await ports.sleep(backoffMs * 2 ** (number - 2), signal);
    const note = number > 1 ? `attempt ${number} of ${attempts}` : undefined;
    ports.changed(step, startStatus(step, ports), note);
    try {
      last = await withTimeout(signal, timeoutMs, ports.sleep, (inner) => attempt(step, ports, state, inner));
    } catch (error) {
      if (signal.aborted) throw error;
      last = { ok: false, summary: errorMessage(error) };
    }
    if (last.ok) break;
  }
  const tries = step.retry ? ` after ${made} attempt${made === 1 ? '' : 's'}` : '';
  return finish({
    status: last.ok ? (last.answer === 'skipped' ? 'skipped' : 'complete') : 'failed',
    summary: last.ok ? last.summary : `${last.summary}${tries}`,
    attempts: made,
    ...(last.value === undefined ? {} : { value: last.value }),
    ...(last.health === undefined ? {} : { health: last.health }),
    ...(last.answer === undefined ? {} : { answer: last.answer }),
  });
}
