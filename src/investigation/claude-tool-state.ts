import { RunbookError } from '../errors/index.ts';
import { type LoadedRunbook, type RootCause, RunbookSchema } from '../runbooks/index.ts';
import type { KnowledgeIndex } from './build-knowledge-index.ts';
import { hostOf } from './derive-context.ts';
import type { InvestigationSession } from './investigation-session.ts';

/** What the model asked to conclude, once accepted. */
export interface ConcludeRequest {
  category: RootCause;
  resource?: string;
  summary: string;
  confidence: 'high' | 'medium' | 'low';
  hypothesisId?: string;
  remediationIds: string[];
}

export interface ToolState {
  session: InvestigationSession;
  index: KnowledgeIndex;
  /** The pseudo-runbook ad-hoc checks run under (no health conditions, no remediations). */
  adHocRunbook: LoadedRunbook;
  adHocCount: number;
  concluded?: ConcludeRequest;
  /** Hosts an http_check may reach: those the incident, the runbooks and the metrics name. */
  allowedHosts: Set<string>;
}

export type ToolResult = { content: string; isError: boolean };

/** A non-empty, trimmed string input; undefined otherwise. */
export function field(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The pseudo-runbook that owns the model's own queries, so their events name it and not a real runbook. */
export function adHocRunbook(): LoadedRunbook {
  const definition = RunbookSchema.parse({ id: 'model-checks', name: 'Checks asked for by the model' });
  return {
    definition,
    file: '(model)',
    hash: 'model',
    version: 1,
    expression(source) {
      throw new RunbookError(
        'expression.invalid',
        `ad-hoc checks have no conditions (asked for "${source}")`,
      );
    },
  };
}

/** Hosts an http_check may reach: what the incident, the bound runbook checks and the metrics' probe labels name. */
export function allowedHosts(session: InvestigationSession): Set<string> {
  const hosts = new Set<string>();
  for (const value of [session.incident.dependency, session.incident.workload])
    if (value) hosts.add(hostOf(value));
  for (const check of session.bound) {
    if (check.step.type !== 'http_check') continue;
    for (const url of Array.isArray(check.step.url) ? check.step.url : [check.step.url]) {
      if (URL.canParse(url)) hosts.add(new URL(url).hostname);
    }
  }
  for (const ran of session.runner.ran.values()) {
    for (const point of ran.result.series) {
      for (const label of ['target', 'instance']) {
        const value = point.labels[label];
        if (value) hosts.add(hostOf(value));
      }
    }
  }
  return hosts;
}
