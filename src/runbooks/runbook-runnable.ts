import type { LoadedRunbook } from './loaded-runbook.ts';

export type Runnability = { runnable: true; warning?: string } | { runnable: false; reason: string };

/** Whether a person may run this runbook by hand: published yes, draft with a warning, archived never. */
export function runbookRunnable(runbook: LoadedRunbook): Runnability {
  const { id, status } = runbook.definition;
  switch (status) {
    case 'published':
      return { runnable: true };
    case 'draft':
      return {
        runnable: true,
        warning: `runbook "${id}" is a draft: it has not been reviewed and is never run by alerts`,
      };
    case 'archived':
      return {
        runnable: false,
        reason: `runbook "${id}" is archived and cannot run; set status: published in ${runbook.file} to use it again`,
      };
    default:
      status satisfies never;
      return { runnable: false, reason: `runbook "${id}" has an unknown status` };
  }
}
