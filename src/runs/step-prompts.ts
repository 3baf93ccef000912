import type { Approver } from '../approvals/index.ts';
import { RunbookError } from '../errors/index.ts';

/** What a person answers to an instruction (Done / Skip / Failed) or an approval step (Approve / Deny). */
export type StepAnswer = 'done' | 'skipped' | 'failed' | 'approve' | 'deny';

export interface WaitingStep {
  runId: string;
  stepId: string;
  kind: 'instruction' | 'approval';
  prompt: string;
}

interface Pending extends WaitingStep {
  resolve(answer: { answer: StepAnswer; actor: string; note?: string }): void;
}

const INSTRUCTION_ANSWERS: readonly StepAnswer[] = ['done', 'skipped', 'failed'];
const APPROVAL_ANSWERS: readonly StepAnswer[] = ['approve', 'deny'];

/**
 * Steps of live runs that wait for a person. A wait ends with the first valid answer, or rejects
 * when the run's signal aborts.
 */
export function createStepPrompts(options: { approvers: () => readonly string[] | undefined }) {
  const pending = new Map<string, Pending>();
  const key = (runId: string, stepId: string) => `${runId}\u0000${stepId}`;

  return {
    wait(step: WaitingStep, signal: AbortSignal) {
      return new Promise<{ answer: StepAnswer; actor: string; note?: string }>((resolve, reject) => {
        const id = key(step.runId, step.stepId);
        const onAbort = () => {
          pending.delete(id);
          reject(signal.reason);
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          ...step,
          resolve(answer) {
            signal.removeEventListener('abort', onAbort);
            pending.delete(id);
            resolve(answer);
          },
        });
      });
    },

    list(runId?: string): WaitingStep[] {
      return [...pending.values()]
        .filter((entry) => runId === undefined || entry.runId === runId)
        .map(({ runId: run, stepId, kind, prompt }) => ({ runId: run, stepId, kind, prompt }));
    },

    /** Throws RunbookError when nothing waits there, the answer does not fit, or the person may not approve. */
    answer(runId: string, stepId: string, answer: StepAnswer, actor: Approver, note?: string): void {
      const entry = pending.get(key(runId, stepId));
      if (!entry) {
        throw new RunbookError(
          'run.invalid_state',
          `step ${stepId} of run ${runId} is not waiting for an answer (already answered, or the run moved on)`,
        );
      }
      const allowed = entry.kind === 'approval' ? APPROVAL_ANSWERS : INSTRUCTION_ANSWERS;
      if (!allowed.includes(answer)) {
        throw new RunbookError(
          'run.invalid_state',
          `step ${stepId} is ${entry.kind === 'approval' ? 'an approval' : 'an instruction'}: answer ${allowed.join(', ')}`,
        );
      }
      if (entry.kind === 'approval') {
        const approvers = options.approvers() ?? [];
        const permitted =
          approvers.includes(actor.id) || (actor.groups ?? []).some((group) => approvers.includes(group));
        if (!permitted) {
          throw new RunbookError(
            'approval.unauthorized',
            approvers.length === 0
              ? 'no approvers are configured: set RUNBOOK_APPROVERS to Slack user ids (U…) or user-group ids (S…)'
              : `${actor.id} is not an approver: only the users and user groups in RUNBOOK_APPROVERS may answer an approval step`,
          );
        }
      }
      entry.resolve({ answer, actor: actor.id, ...(note === undefined ? {} : { note }) });
    },
  };
}

export type StepPrompts = ReturnType<typeof createStepPrompts>;
