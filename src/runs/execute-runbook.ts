import type { ActionRegistry } from '../actions/types.ts';
import {
  concludeRunbook,
  type DiagnosticOutcome,
  evaluateDecisionTree,
  overallSeverity,
  type Params,
  planRemediations,
  runDiagnostics,
} from '../engine/index.ts';
import type { ProviderRegistry } from '../providers/types.ts';
import { substituteParams } from '../runbooks/index.ts';
import type { DiagnosticDefinition } from '../runbooks/schema.ts';
import type { RunnableRunbook } from './deps.ts';
import type { LiveRun } from './live-run.ts';
import { type ProposeDeps, proposeRemediations } from './propose-remediations.ts';

export interface ExecuteDeps extends ProposeDeps {
  providers: ProviderRegistry;
  actions: ActionRegistry;
  now: () => Date;
  concurrency?: number;
  defaultTimeoutMs?: number;
}

/** Parameters go into every field of a step except its health conditions, which read `params` instead. */
export function prepareDiagnostics(runbook: RunnableRunbook, params: Params): DiagnosticDefinition[] {
  return runbook.definition.diagnostics.map((step) => {
    const { health, ...rest } = step;
    const substituted = substituteParams(rest, params) as DiagnosticDefinition;
    return health === undefined ? substituted : { ...substituted, health };
  });
}

/** Runs a pinned runbook's diagnostics with the run's clock, signal and events. */
export function diagnose(
  runbook: RunnableRunbook,
  params: Params,
  run: Pick<LiveRun, 'signal'> & { id: string; emit: LiveRun['emit'] },
  deps: Pick<ExecuteDeps, 'providers' | 'now' | 'concurrency' | 'defaultTimeoutMs'>,
): Promise<DiagnosticOutcome[]> {
  return runDiagnostics(prepareDiagnostics(runbook, params), {
    providers: deps.providers,
    expression: (source) => runbook.expression(source),
    params,
    runId: run.id,
    now: deps.now,
    signal: run.signal,
    emit: run.emit,
    runbookId: runbook.definition.id,
    ...(deps.concurrency === undefined ? {} : { concurrency: deps.concurrency }),
    ...(deps.defaultTimeoutMs === undefined ? {} : { defaultTimeoutMs: deps.defaultTimeoutMs }),
  });
}

/**
 * A runbook run after `run.started`: diagnostics, decision tree, conclusion, remediation proposals
 * (each approval requested, nothing executed). Stops at a step boundary when aborted, waits there
 * while paused. Returns the one-line summary for `run.finished`.
 */
export async function executeRunbook(
  run: LiveRun,
  runbook: RunnableRunbook,
  params: Params,
  deps: ExecuteDeps,
): Promise<string> {
  const definition = runbook.definition;
  const expression = (source: string) => runbook.expression(source);
  const at = () => deps.now().toISOString();
  const runId = run.record.id;
  const outcomes = await diagnose(runbook, params, { id: runId, signal: run.signal, emit: run.emit }, deps);
  await run.boundary();
  if (run.signal.aborted) return 'aborted after the diagnostics';

  const decision = evaluateDecisionTree(definition, outcomes, params, expression);
  for (const message of decision.errors) {
    run.emit({ type: 'error', runId, at: at(), code: 'expression.failed', message });
  }
  run.emit({
    type: 'decision.taken',
    runId,
    at: at(),
    runbookId: definition.id,
    path: decision.path,
    ...(decision.conclusion === undefined ? {} : { conclusion: decision.conclusion }),
    ...(decision.category === undefined ? {} : { category: decision.category }),
  });
  const remediations = await planRemediations(definition, decision, outcomes, params, deps.actions, {
    expression,
    substitute: substituteParams,
    runbookId: definition.id,
    run: {
      id: runId,
      runbookId: definition.id,
      severity: overallSeverity(definition, decision, outcomes) ?? definition.severity,
      ...(definition.service === undefined ? {} : { service: definition.service }),
      ...(decision.conclusion === undefined ? {} : { summary: decision.conclusion }),
    },
    ...(definition.escalation?.channel === undefined ? {} : { channel: definition.escalation.channel }),
  });
  const severity = overallSeverity(definition, decision, outcomes);
  const conclusion = concludeRunbook(definition, decision, outcomes, remediations, severity);
  run.record.conclusion = conclusion;
  run.emit({ type: 'conclusion', runId, at: at(), conclusion });
  await run.boundary();
  if (run.signal.aborted) return 'aborted before proposing remediations';

  await proposeRemediations(run, remediations, deps);
  return conclusion.summary;
}
