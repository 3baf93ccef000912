import type Anthropic from '@anthropic-ai/sdk';
import type { ActionRegistry } from '../actions/types.ts';
import type { Conclusion, EvidenceItem } from '../engine/index.ts';
import { errorMessage } from '../errors/index.ts';
import type { ProviderRegistry } from '../providers/types.ts';
import { type LoadedRunbook, ROOT_CAUSES } from '../runbooks/index.ts';
import { buildKnowledgeIndex, type KnowledgeDocument, type KnowledgeHit } from './build-knowledge-index.ts';
import { runClaudePlanner } from './claude-planner.ts';
import { deriveContext, type IncidentContext } from './derive-context.ts';
import { runDeterministicPlanner } from './deterministic-planner.ts';
import { gatherContext } from './gather-context.ts';
import { createSession, type InvestigationSession, timingOf } from './investigation-session.ts';
import { type InvestigationLimits, resolveLimits } from './limits.ts';
import { renderReport } from './render-report.ts';
import type { InvestigationResult, Investigator, TokenUsage } from './types.ts';

export interface AnthropicPlannerOptions {
  client: Anthropic;
  model: string;
  maxTokens?: number;
  /** Per model call; the planner falls back to the deterministic one when it is exceeded. */
  timeoutMs?: number;
  /** Model turns at most (each turn may call several tools). */
  maxTurns?: number;
  /** Bytes of one tool result shown to the model. */
  toolResultBytes?: number;
}

export interface InvestigatorDeps {
  runbooks: () => readonly LoadedRunbook[];
  knowledge: () => readonly KnowledgeDocument[];
  providers: ProviderRegistry;
  /** Default: `claude` when `anthropic` is given, else `deterministic`. */
  planner?: 'deterministic' | 'claude';
  anthropic?: AnthropicPlannerOptions;
  limits?: Partial<InvestigationLimits>;
  /** When given, recommended remediations are dry-run planned (nothing is executed). */
  actions?: ActionRegistry;
}

const KNOWLEDGE_PASSAGES = 5;

function knowledgeQuery(incident: IncidentContext): string {
  const labels = Object.entries(incident.labels)
    .filter(([key]) => !['severity', 'prometheus', 'alertname'].includes(key))
    .map(([, value]) => value);
  return [...incident.words, ...labels, incident.workload ?? ''].join(' ');
}

/**
 * The investigator: pure orchestration over injected runbooks, knowledge and providers. It forms
 * and tests hypotheses with the deterministic planner, or with Claude when configured, falling back
 * to the deterministic planner (and saying why) when the model fails or times out.
 */
export function createInvestigator(deps: InvestigatorDeps): Investigator {
  const limits = resolveLimits(deps.limits);
  return {
    async investigate(trigger, context) {
      const startedAt = context.now();
      const signal = AbortSignal.any([context.signal, AbortSignal.timeout(limits.maxWallMs)]);
      const incident = await gatherContext(deriveContext(trigger), deps.providers, context, signal);
      const runbooks = deps.runbooks().filter((runbook) => runbook.definition.status === 'published');
      const index = buildKnowledgeIndex(runbooks, deps.knowledge(), ROOT_CAUSES);
      const hits: KnowledgeHit[] = index.search(knowledgeQuery(incident), KNOWLEDGE_PASSAGES);
      const passages = hits.map(({ source, title, excerpt, score }) => ({ source, title, excerpt, score }));
      context.emit({
        type: 'knowledge.retrieved',
        runId: context.runId,
        at: context.now().toISOString(),
        passages,
      });

      const newSession = () =>
        createSession({
          incident,
          runbooks,
          knowledge: hits,
          providers: deps.providers,
          limits,
          context,
          signal,
        });
      const wantsClaude = (deps.planner ?? (deps.anthropic ? 'claude' : 'deterministic')) === 'claude';
      let planner: InvestigationResult['planner'] = 'deterministic';
      let fallbackReason: string | undefined;
      let usage: TokenUsage | undefined;
      let session: InvestigationSession = newSession();
      let outcome: { conclusion: Conclusion; evidence: EvidenceItem[] } | undefined;
      if (wantsClaude && !deps.anthropic) fallbackReason = 'no Anthropic API key configured';
      if (wantsClaude && deps.anthropic) {
        const claude = await runClaudePlanner(session, trigger, deps.anthropic, index, deps.actions);
        usage = claude.usage;
        if (claude.ok) {
          planner = 'claude';
          outcome = claude.result;
        } else {
          fallbackReason = claude.reason;
          context.emit({
            type: 'error',
            runId: context.runId,
            at: context.now().toISOString(),
            code: 'planner.fallback',
            message: `Claude planner unavailable (${claude.reason}); continuing with the deterministic planner`,
          });
          session = newSession();
        }
      }
      outcome ??= await runDeterministicPlanner(session, trigger, deps.actions).catch((error: unknown) => {
        throw new Error(`investigation failed: ${errorMessage(error)}`, { cause: error });
      });
      const durationMs = context.now().getTime() - startedAt.getTime();
      const hypotheses = session.records.map((record) => ({ ...record.hypothesis }));
      const checks = [...session.runner.ran.values()].map((check) => check.outcome);
      const timing = timingOf(session);
      const onset = timing.symptomOnsetMs;
      const changes = [...timing.changes].map(([category, at]) => ({
        at: new Date(at),
        what: `${category === 'bad-deploy' ? 'latest rollout' : category}`,
      }));
      const reportMarkdown = renderReport({
        trigger,
        conclusion: outcome.conclusion,
        hypotheses,
        evidence: outcome.evidence,
        checks,
        knowledge: passages,
        planner,
        startedAt,
        durationMs,
        ...(fallbackReason === undefined ? {} : { fallbackReason }),
        ...(usage === undefined ? {} : { usage }),
        ...(onset === undefined ? {} : { symptomOnset: new Date(onset) }),
        changes,
      });
      return {
        trigger,
        conclusion: outcome.conclusion,
        hypotheses,
        evidence: outcome.evidence,
        checks,
        knowledge: passages,
        planner,
        ...(fallbackReason === undefined ? {} : { fallbackReason }),
        ...(usage === undefined ? {} : { usage }),
        reportMarkdown,
        durationMs,
      };
    },
  };
}
