import { errorMessage } from '../errors/index.ts';
import {
  type DiagnosticDefinition,
  findPlaceholders,
  type LoadedRunbook,
  type ResolvedParams,
  type RootCause,
  resolveParams,
  substituteParams,
} from '../runbooks/index.ts';
import { type IncidentContext, subjectLabels } from './derive-context.ts';

/** A runbook diagnostic with its parameters filled in for this incident, ready to run. */
export interface BoundCheck {
  /** Unique in the investigation: `<runbook id>.<diagnostic id>`. */
  checkId: string;
  runbook: LoadedRunbook;
  /** The diagnostic as written (its own id), for decision trees. */
  diagnostic: DiagnosticDefinition;
  /** The diagnostic with parameters substituted and `id` set to `checkId`. */
  step: DiagnosticDefinition;
  params: ResolvedParams;
  evidenceFor: RootCause[];
  triage?: 'screen' | 'symptom';
  /** Same fingerprint = same question asked twice (two runbooks share a query): run once. */
  fingerprint: string;
}

export interface BindResult {
  checks: BoundCheck[];
  /** Diagnostics that could not be bound, and why (a context value is missing). */
  skipped: Array<{ checkId: string; reason: string }>;
}

/** Parameter names the investigation fills from what it learned, whatever the alert's labels are called. */
export function contextParams(
  context: IncidentContext,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const values: Record<string, string | undefined> = {
    service: context.workload,
    http_service: context.metricsService ?? context.workload,
    workload: context.workload,
    deployment: context.workload,
    namespace: context.namespace,
    pod: context.pod,
    container: context.container,
    node: context.node,
    dependency: context.dependency,
    target: context.dependency,
    volume: context.volume,
    ...extra,
  };
  return Object.fromEntries(
    Object.entries(values).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

function fingerprintOf(step: DiagnosticDefinition): string {
  const {
    id: _id,
    name: _name,
    description: _description,
    evidenceFor: _for,
    triage: _triage,
    ...rest
  } = step;
  return JSON.stringify(rest);
}

/**
 * Binds every published runbook's diagnostics to the incident: parameters from the context (and
 * the alert's labels through `fromLabel`), then substituted. A diagnostic that needs a value the
 * incident does not have (an empty `${dependency}`) is skipped, not run against nothing.
 */
export function bindChecks(
  runbooks: readonly LoadedRunbook[],
  context: IncidentContext,
  extra: Readonly<Record<string, string>> = {},
): BindResult {
  const checks: BoundCheck[] = [];
  const skipped: BindResult['skipped'] = [];
  const known = contextParams(context, extra);
  for (const runbook of runbooks) {
    const { definition } = runbook;
    if (definition.status !== 'published') continue;
    const declared = new Set(definition.parameters.map((parameter) => parameter.name));
    const provided = Object.fromEntries(Object.entries(known).filter(([name]) => declared.has(name)));
    let params: ResolvedParams;
    try {
      params = resolveParams(definition, provided, subjectLabels(context.labels));
    } catch (error) {
      for (const diagnostic of definition.diagnostics) {
        skipped.push({ checkId: `${definition.id}.${diagnostic.id}`, reason: errorMessage(error) });
      }
      continue;
    }
    for (const diagnostic of definition.diagnostics) {
      const checkId = `${definition.id}.${diagnostic.id}`;
      const used = new Set<string>();
      JSON.stringify(diagnostic, (_key, value: unknown) => {
        if (typeof value === 'string') for (const name of findPlaceholders(value)) used.add(name);
        return value;
      });
      const missing = [...used].filter((name) => params[name] === undefined || params[name] === '');
      if (missing.length > 0) {
        skipped.push({
          checkId,
          reason: `needs ${missing.join(', ')}, which this incident does not name yet`,
        });
        continue;
      }
      let step: DiagnosticDefinition;
      try {
        step = { ...substituteParams(diagnostic, params), id: checkId };
      } catch (error) {
        skipped.push({ checkId, reason: errorMessage(error) });
        continue;
      }
      checks.push({
        checkId,
        runbook,
        diagnostic,
        step,
        params,
        evidenceFor: [...(diagnostic.evidenceFor ?? [])],
        ...(diagnostic.triage === undefined ? {} : { triage: diagnostic.triage }),
        fingerprint: fingerprintOf(step),
      });
    }
  }
  return { checks, skipped };
}
