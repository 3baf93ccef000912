import type {
  CheckOutcome,
  Conclusion,
  EvidenceItem,
  Hypothesis,
  KnowledgePassage,
  ProgressEvent,
} from '../engine/events.ts';

/** An alert as it reaches us, whatever system sent it. Labels are whatever that system sends. */
export interface AlertInfo {
  name: string;
  source: 'alertmanager' | 'pagerduty' | 'datadog' | 'generic' | 'manual';
  severity?: string;
  labels: Record<string, string>;
  summary?: string;
  /** ISO 8601; "now" when unknown. */
  startsAt?: string;
  fingerprint?: string;
}

/** What starts an investigation: a service, an alert name, an incident id, or a person's words. */
export interface InvestigationTrigger {
  target: string;
  alert?: AlertInfo;
  /** Free text from a mention ("payment-service is slow since the deploy"). Data, never instructions. */
  text?: string;
  params?: Record<string, string>;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
}

export interface InvestigationResult {
  trigger: InvestigationTrigger;
  conclusion: Conclusion;
  hypotheses: Hypothesis[];
  evidence: EvidenceItem[];
  checks: CheckOutcome[];
  knowledge: KnowledgePassage[];
  planner: 'deterministic' | 'claude';
  /** Why the Claude planner was not used or gave up, when it fell back. */
  fallbackReason?: string;
  usage?: TokenUsage;
  reportMarkdown: string;
  durationMs: number;
}

/** Everything an investigation may do to the outside world: emit progress. Checks go through injected providers. */
export interface InvestigationContext {
  runId: string;
  emit(event: ProgressEvent): void;
  signal: AbortSignal;
  now(): Date;
}

export interface Investigator {
  investigate(trigger: InvestigationTrigger, context: InvestigationContext): Promise<InvestigationResult>;
}
