import type { ProgressEvent, ProgressSink } from '../../engine/index.ts';
import { errorMessage } from '../../errors/index.ts';
import type { RunService, StepAnswer } from '../../runs/index.ts';
import type { CliIO } from '../types.ts';
import { describePlan } from './run-approvals.ts';

const INSTRUCTION_ANSWERS: Record<string, StepAnswer> = {
  d: 'done',
  done: 'done',
  s: 'skipped',
  skip: 'skipped',
  f: 'failed',
  failed: 'failed',
};

/**
 * Answers a procedure's people-steps at the terminal while it runs: instructions (Done / Skip /
 * Failed), approval steps and action approvals (y/N; `--yes` approves low and medium risk only).
 * One question at a time, in the order the run asks them. Without a terminal the run is aborted
 * with the reason, since nobody could answer.
 */
export function terminalStepAnswerer(options: {
  runs: () => RunService;
  io: CliIO;
  actor: string;
  yes: boolean;
  out: { write(text: string): unknown };
}): ProgressSink & { failed: () => boolean } {
  const { io, out } = options;
  const approver = { id: options.actor, via: 'cli' as const };
  let queue: Promise<void> = Promise.resolve();
  let failed = false;

  const ask = async (question: string): Promise<string | undefined> =>
    (await io.prompt?.(question))?.trim().toLowerCase();

  async function handle(event: ProgressEvent): Promise<void> {
    const runs = options.runs();
    if (event.type === 'step.changed' && event.status === 'waiting' && event.prompt !== undefined) {
      if (!io.prompt) {
        out.write(
          `\nStep ${event.stepId} needs a person (${event.prompt}); no terminal to ask, so the run stops.\n`,
        );
        await runs.abort(event.runId, options.actor);
        return;
      }
      if (event.kind === 'approval') {
        const answer = await ask(`\nApproval step ${event.stepId}: ${event.prompt} [y/N] `);
        await runs.answerStep(
          event.runId,
          event.stepId,
          answer === 'y' || answer === 'yes' ? 'approve' : 'deny',
          approver,
        );
        return;
      }
      let answer: StepAnswer | undefined;
      while (answer === undefined) {
        const reply = await ask(`\nStep ${event.stepId}: ${event.prompt}\n  [d]one, [s]kip or [f]ailed? `);
        if (reply === undefined) {
          await runs.abort(event.runId, options.actor);
          return;
        }
        answer = INSTRUCTION_ANSWERS[reply];
      }
      await runs.answerStep(event.runId, event.stepId, answer, approver);
      return;
    }
    if (event.type === 'remediation.proposed' && event.approvalId !== undefined && isProcedureEvent(event)) {
      const pending = { approvalId: event.approvalId, remediation: event.remediation };
      out.write(describePlan(pending));
      let decision: 'approve' | 'deny' | undefined;
      if (options.yes && event.remediation.risk !== 'high') decision = 'approve';
      else if (io.prompt) {
        const answer = await ask(`Approve ${event.remediation.remediationId}? [y/N] `);
        decision = answer === 'y' || answer === 'yes' ? 'approve' : 'deny';
      }
      if (decision === undefined) {
        out.write(`Approval ${event.approvalId} waits for a decision in Slack; the run waits with it.\n`);
        return;
      }
      await runs.decideApproval(event.approvalId, decision, approver);
    }
  }

  // Action steps of a procedure wait for their decision; diagnose-mode proposals are asked after the run.
  const procedureRuns = new Set<string>();
  function isProcedureEvent(event: ProgressEvent): boolean {
    return procedureRuns.has(event.runId);
  }

  return {
    failed: () => failed,
    emit(event) {
      if (event.type === 'step.changed') procedureRuns.add(event.runId);
      queue = queue
        .then(() => handle(event))
        .catch((error: unknown) => {
          failed = true;
          io.stderr.write(`runbook run: ${errorMessage(error)}\n`);
        });
    },
  };
}
