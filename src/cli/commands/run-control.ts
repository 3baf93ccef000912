import { errorMessage, RunbookError } from '../../errors/index.ts';
import { type ControlAction, isRunOwned, reachedState } from '../../runs/index.ts';
import { buildCliServices } from '../build-cli-services.ts';
import type { CliCommand } from '../types.ts';

const DONE: Record<ControlAction, string> = { pause: 'paused', resume: 'resumed', abort: 'aborted' };

function controlCommand(action: ControlAction, summary: string, detail: string): CliCommand {
  const usage = `Usage: runbook ${action} <run-id> [--json]\n\n${detail}`;
  return {
    summary,
    usage,
    async run(args, io) {
      const json = args.includes('--json');
      const positional = args.filter((arg) => arg !== '--json');
      const unknown = positional.find((arg) => arg.startsWith('-'));
      if (positional.length !== 1 || unknown !== undefined) {
        io.stderr.write(
          `runbook ${action}: ${unknown ? `unknown option ${unknown}` : 'give one run id'}\n\n${usage}\n`,
        );
        return 2;
      }
      const runId = positional[0] as string;
      const services = await buildCliServices(io);
      try {
        const { runs, store, actor } = services;
        const stored = await runs.get(runId);
        // Resuming here would execute the run inside this short-lived command: leave that to a server.
        if (action === 'resume' && stored?.status === 'paused' && !(await isRunOwned(store, runId))) {
          io.stderr.write(
            `runbook resume: no process holds run "${runId}" (its process stopped while it was paused); resume it where it can run: /runbook resume ${runId} in Slack, or the HTTP API of a running Runbook\n`,
          );
          return 1;
        }
        const record = await runs[action](runId, actor);
        if (json) io.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
        else if (reachedState(action, record))
          io.stdout.write(`${runId}: ${DONE[action]} (now ${record.status})\n`);
        else
          io.stdout.write(
            `${runId}: ${action} queued for the process executing the run; it applies at its next step boundary (still ${record.status}; \`runbook runs\` shows it)\n`,
          );
        return 0;
      } catch (error) {
        if (!(error instanceof RunbookError)) throw error;
        io.stderr.write(`runbook ${action}: ${errorMessage(error)}\n`);
        return 1;
      } finally {
        await services.close();
      }
    },
  };
}

/** `runbook pause <run-id>`: pauses a run at its next step boundary, in whichever process executes it. */
export const pauseCommand = controlCommand(
  'pause',
  'Pause a running run at its next step boundary (pause <run-id>)',
  'Pauses the run at its next step boundary, also when another process (npm start) executes it.',
);

/** `runbook resume <run-id>`: resumes a paused run in the process that holds it. */
export const resumeCommand = controlCommand(
  'resume',
  'Resume a paused run (resume <run-id>)',
  'Resumes a paused run in the process that holds it (the server that started it).',
);

/** `runbook abort <run-id>`: cancels a run; a run whose process is gone is marked cancelled here. */
export const abortCommand = controlCommand(
  'abort',
  'Abort a running or paused run (abort <run-id>)',
  'Cancels the run: the process executing it stops at once; a run whose process is gone is marked cancelled.',
);
