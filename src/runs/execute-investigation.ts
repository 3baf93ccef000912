import type { ProgressEvent } from '../engine/events.ts';
import type { InvestigationTrigger, Investigator } from '../investigation/types.ts';
import type { RunbookCatalogPort } from './deps.ts';
import type { LiveRun } from './live-run.ts';
import { type ProposeDeps, proposeRemediations } from './propose-remediations.ts';

/**
 * An investigation run after `run.started`: the investigator forms and tests hypotheses (emitting
 * its own progress); its conclusion and report are kept on the record, and its remediation
 * proposals go through approvals exactly as a runbook's do.
 */
export async function executeInvestigation(
  run: LiveRun,
  investigator: Investigator,
  trigger: InvestigationTrigger,
  deps: Omit<ProposeDeps, 'versionOf'> & { catalog: RunbookCatalogPort },
): Promise<string> {
  let concluded = false;
  const emit = (event: ProgressEvent) => {
    // Proposals are made below, once each has its approval; the investigator's own are not repeated.
    if (event.type === 'remediation.proposed') return;
    if (event.type === 'conclusion') concluded = true;
    run.emit(event);
  };
  const result = await investigator.investigate(trigger, {
    runId: run.record.id,
    emit,
    signal: run.signal,
    now: deps.now,
  });
  run.record.conclusion = result.conclusion;
  run.record.reportMarkdown = result.reportMarkdown;
  run.record.investigation = result;
  if (!concluded) {
    run.emit({
      type: 'conclusion',
      runId: run.record.id,
      at: deps.now().toISOString(),
      conclusion: result.conclusion,
    });
  }
  await run.boundary();
  if (run.signal.aborted) return 'aborted before proposing remediations';
  await proposeRemediations(run, result.conclusion.remediations, {
    ...deps,
    versionOf: async (runbookId) => {
      const runbook = await deps.catalog.get(runbookId);
      return runbook ? { version: runbook.version, hash: runbook.hash } : undefined;
    },
  });
  return result.conclusion.summary;
}
