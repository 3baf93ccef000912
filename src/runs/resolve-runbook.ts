import { RunbookError } from '../errors/index.ts';
import { runbookRunnable } from '../runbooks/index.ts';
import type { RunbookCatalogPort, RunnableRunbook } from './deps.ts';

/**
 * The runbook a new run pins: the catalog's latest version. Archived runbooks are refused; a draft
 * runs with a warning, because someone started it by hand on purpose.
 */
export function resolveRunbook(
  catalog: RunbookCatalogPort,
  runbookId: string,
): { runbook: RunnableRunbook; warnings: string[] } {
  const latest = catalog.require(runbookId);
  const runnability = runbookRunnable(latest);
  if (!runnability.runnable) throw new RunbookError('runbook.archived', runnability.reason);
  // Pin by hash so a catalog reload during the run cannot change what it runs.
  const pinned = catalog.getVersion(runbookId, latest.hash) ?? latest;
  return { runbook: pinned, warnings: runnability.warning === undefined ? [] : [runnability.warning] };
}
