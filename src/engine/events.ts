import type { PlannedAction } from '../actions/types.ts';
import type { RootCause } from '../runbooks/root-causes.ts';
import type { Risk, SeverityLevel } from '../runbooks/schema.ts';

export type HealthStatus = 'healthy' | 'warning' | 'critical' | 'unknown' | 'error';
export type EvidenceGrade = 'strong' | 'weak' | 'none' | 'contradicting';
export type Confidence = 'high' | 'medium' | 'low';
export type RunKind = 'runbook' | 'investigation';
export type RunStatus = 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

/** The runbook version a run is pinned to for its whole life. */
export interface RunbookRef {
  id: string;
  version: number;
  hash: string;
}

/** A diagnostic's outcome as sinks show it. */
export interface CheckOutcome {
  checkId: string;
  name: string;
  diagnosticType: string;
  health: HealthStatus;
  value: number | null;
  summary: string;
  query?: string;
  error?: string;
  durationMs: number;
  /** Runbook the check came from. */
  runbookId?: string;
  /** Range series (Prometheus query_range, Datadog timeseries), bounded, for evidence charts. */
  series?: ChartSeries[];
  /** The CEL health conditions the value was judged by, for a chart's threshold lines. */
  healthConditions?: { critical?: string; warning?: string };
}

/** One time series of a check: `[unix seconds, value]` samples, oldest first. */
export interface ChartSeries {
  labels: Record<string, string>;
  samples: Array<[number, number]>;
}

export interface Hypothesis {
  id: string;
  category: RootCause;
  statement: string;
  /** The workload, node, dependency or volume suspected. */
  resource?: string;
  /** Ids of the checks that test it. */
  checks: string[];
  /** 0..1, updated as evidence is graded. */
  confidence: number;
  status: 'open' | 'supported' | 'pruned' | 'concluded';
}

export interface EvidenceItem {
  hypothesisId: string;
  checkId: string;
  grade: EvidenceGrade;
  reason: string;
}

export interface KnowledgePassage {
  source: string;
  title: string;
  excerpt: string;
  score: number;
}

export interface RecommendedRemediation {
  runbookId: string;
  remediationId: string;
  name: string;
  actionType: string;
  risk: Risk;
  requiresApproval: boolean;
  rollback?: string;
  plan?: PlannedAction;
  /** Why no plan could be made (unknown action type, a parameter that does not resolve). */
  planError?: string;
  /** The runbook parameters it was planned with; post-action validation re-runs the checks with them. */
  params?: Record<string, string | number | boolean>;
}

export interface Conclusion {
  category: RootCause;
  resource?: string;
  summary: string;
  confidence: Confidence;
  severity?: SeverityLevel;
  supportingEvidence: Array<{ checkId: string; summary: string; grade: EvidenceGrade }>;
  ruledOut: Array<{ category: RootCause; reason: string }>;
  remediations: RecommendedRemediation[];
  escalate?: boolean;
}

interface EventBase {
  runId: string;
  /** ISO 8601 time the event happened. */
  at: string;
}

/**
 * Everything a run reports, in order. Sinks (Slack thread, CLI, audit log) render or store these;
 * they never decide anything. Switch on `type` exhaustively with `satisfies never`.
 */
export type ProgressEvent = EventBase &
  (
    | {
        type: 'run.started';
        kind: RunKind;
        target: string;
        runbook?: RunbookRef;
        params: Record<string, string | number | boolean>;
        actor: string;
        /** Things a person should know before trusting the run (e.g. the runbook is a draft). */
        warnings?: string[];
      }
    | { type: 'knowledge.retrieved'; passages: KnowledgePassage[] }
    | { type: 'hypothesis.formed'; hypothesis: Hypothesis }
    | { type: 'check.started'; checkId: string; name: string; diagnosticType: string; hypothesisId?: string }
    | { type: 'check.finished'; outcome: CheckOutcome; hypothesisId?: string }
    | { type: 'evidence.graded'; evidence: EvidenceItem; confidence: number }
    | { type: 'hypothesis.branched'; hypothesisId: string; reason: string; checks: string[] }
    | { type: 'hypothesis.pruned'; hypothesisId: string; reason: string }
    | { type: 'decision.taken'; runbookId: string; path: string[]; conclusion?: string; category?: RootCause }
    | { type: 'conclusion'; conclusion: Conclusion }
    | { type: 'remediation.proposed'; remediation: RecommendedRemediation; approvalId?: string }
    | {
        type: 'approval.decided';
        approvalId: string;
        decision: 'approved' | 'denied' | 'expired';
        actor: string;
      }
    | { type: 'action.finished'; approvalId: string; status: 'succeeded' | 'failed'; summary: string }
    | { type: 'validation.finished'; passed: boolean; summary: string }
    | {
        type: 'step.changed';
        stepId: string;
        status: 'pending' | 'running' | 'complete' | 'failed' | 'skipped' | 'waiting';
        summary?: string;
        /** What the step is (instruction, diagnostic, action, approval, runbook, parallel). */
        kind?: string;
        /** The step's short name, or its plain-English text. */
        name?: string;
        /** For a step waiting on a person: what to do or decide (instruction text, approval question). */
        prompt?: string;
      }
    | { type: 'run.finished'; status: RunStatus; summary: string; durationMs: number }
    | { type: 'error'; code: string; message: string }
  );

export type ProgressEventType = ProgressEvent['type'];

/** Where progress goes. A sink must not throw into the run; it logs its own failures. */
export interface ProgressSink {
  emit(event: ProgressEvent): void | Promise<void>;
}
