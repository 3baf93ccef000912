import type Anthropic from '@anthropic-ai/sdk';
import type { ActionRegistry } from '../actions/types.ts';
import type { Conclusion, EvidenceItem } from '../engine/index.ts';
import { errorMessage } from '../errors/index.ts';
import type { KnowledgeIndex } from './build-knowledge-index.ts';
import { incidentBrief, SYSTEM_PROMPT, truncateToBytes } from './claude-prompt.ts';
import {
  adHocRunbook,
  allowedHosts,
  type ConcludeRequest,
  executeTool,
  type ToolState,
  toolDefinitions,
} from './claude-tools.ts';
import type { AnthropicPlannerOptions } from './create-investigator.ts';
import type { InvestigationSession } from './investigation-session.ts';
import { recommendByIds, selectRemediations } from './select-remediations.ts';
import type { InvestigationTrigger, TokenUsage } from './types.ts';

export type ClaudePlannerOutcome =
  | { ok: true; result: { conclusion: Conclusion; evidence: EvidenceItem[] }; usage: TokenUsage }
  | { ok: false; reason: string; usage: TokenUsage };

const DEFAULTS = { maxTokens: 2048, timeoutMs: 60_000, maxTurns: 12, toolResultBytes: 6_000 };

function addUsage(total: TokenUsage, usage: Anthropic.Messages.Usage): void {
  total.inputTokens += usage.input_tokens;
  total.outputTokens += usage.output_tokens;
  total.cacheReadInputTokens += usage.cache_read_input_tokens ?? 0;
  total.cacheCreationInputTokens += usage.cache_creation_input_tokens ?? 0;
}

/** Why a model call failed, in words for the report's fallback line. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const name = error instanceof Error ? error.constructor.name : '';
  if (name === 'APIConnectionTimeoutError') return `the model did not answer within ${timeoutMs} ms`;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number')
    return `the Anthropic API answered ${status}: ${errorMessage(error).slice(0, 200)}`;
  return `the model call failed: ${errorMessage(error).slice(0, 200)}`;
}

async function buildConclusion(
  session: InvestigationSession,
  request: ConcludeRequest,
  actions: ActionRegistry | undefined,
): Promise<Conclusion> {
  const chosen =
    session.records.find((record) => record.hypothesis.id === request.hypothesisId) ??
    session.records.find((record) => record.hypothesis.category === request.category);
  if (chosen) chosen.hypothesis.status = 'concluded';
  const summaries = new Map(
    [...session.runner.ran.values()].map((ran) => [ran.outcome.checkId, ran.outcome.summary]),
  );
  const supportingEvidence = (chosen?.evidence ?? [])
    .filter((item) => item.grade === 'strong' || item.grade === 'weak')
    .map((item) => ({
      checkId: item.checkId,
      summary: summaries.get(item.checkId) ?? item.reason,
      grade: item.grade,
    }));
  const ruledOut = session.records
    .filter((record) => record !== chosen)
    .map((record) => ({
      category: record.hypothesis.category,
      reason: record.prunedBecause ?? `not the conclusion (confidence ${record.hypothesis.confidence})`,
    }));
  const find = (check: Parameters<typeof session.runner.find>[0]) => session.runner.find(check);
  const remediations =
    request.category === 'none'
      ? []
      : request.remediationIds.length > 0
        ? await recommendByIds(request.remediationIds, session.runbooks, session.bound, find, actions)
        : (await selectRemediations(request.category, session.runbooks, session.bound, find, actions))
            .remediations;
  const resource = request.resource ?? chosen?.hypothesis.resource ?? session.incident.workload;
  return {
    category: request.category,
    ...(resource === undefined ? {} : { resource }),
    summary: request.summary || chosen?.hypothesis.statement || request.category,
    confidence: request.confidence,
    supportingEvidence,
    ruledOut,
    remediations,
    ...(request.confidence === 'low' ? { escalate: true } : {}),
  };
}

/**
 * Claude as the planner: the triage runs first, then the model proposes, tests and grades
 * hypotheses through read-only tools until it concludes. System prompt and tools are cached; every
 * tool result is truncated and marked as untrusted data. Any API error, timeout or a model that
 * does not conclude within its turns returns `ok: false` with the reason, for the fallback.
 */
export async function runClaudePlanner(
  session: InvestigationSession,
  trigger: InvestigationTrigger,
  options: AnthropicPlannerOptions,
  index: KnowledgeIndex,
  actions: ActionRegistry | undefined,
): Promise<ClaudePlannerOutcome> {
  const settings = { ...DEFAULTS, ...options };
  const usage: TokenUsage = {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadInputTokens: 0,
    cacheCreationInputTokens: 0,
  };
  const triage = await session.runner.run(session.bound.filter((check) => check.triage !== undefined));
  const state: ToolState = {
    session,
    index,
    adHocRunbook: adHocRunbook(),
    adHocCount: 0,
    allowedHosts: allowedHosts(session),
  };
  const definitions = toolDefinitions();
  const tools = definitions.map((tool, position) =>
    position === definitions.length - 1 ? { ...tool, cache_control: { type: 'ephemeral' as const } } : tool,
  );
  const system = [
    { type: 'text' as const, text: SYSTEM_PROMPT, cache_control: { type: 'ephemeral' as const } },
  ];
  const messages: Anthropic.Messages.MessageParam[] = [
    { role: 'user', content: incidentBrief(session, trigger, triage) },
  ];
  for (let turn = 0; turn < settings.maxTurns && !state.concluded; turn++) {
    if (session.isOutOfTime())
      return { ok: false, reason: 'the investigation ran out of time before the model concluded', usage };
    let response: Anthropic.Messages.Message;
    try {
      response = await settings.client.messages.create(
        { model: settings.model, max_tokens: settings.maxTokens, system, tools, messages },
        { timeout: settings.timeoutMs, maxRetries: 1 },
      );
    } catch (error) {
      return { ok: false, reason: describeFailure(error, settings.timeoutMs), usage };
    }
    addUsage(usage, response.usage);
    messages.push({ role: 'assistant', content: response.content });
    const calls = response.content.filter(
      (block): block is Anthropic.Messages.ToolUseBlock => block.type === 'tool_use',
    );
    if (calls.length === 0) {
      messages.push({ role: 'user', content: 'Use the tools: test your hypotheses, then call conclude.' });
      continue;
    }
    const results: Anthropic.Messages.ToolResultBlockParam[] = [];
    for (const call of calls) {
      const input =
        typeof call.input === 'object' && call.input !== null ? (call.input as Record<string, unknown>) : {};
      const result = await executeTool(state, call.name, input).catch((error: unknown) => ({
        content: `tool failed: ${errorMessage(error)}`,
        isError: true,
      }));
      results.push({
        type: 'tool_result',
        tool_use_id: call.id,
        content: truncateToBytes(result.content, settings.toolResultBytes),
        ...(result.isError ? { is_error: true } : {}),
      });
    }
    messages.push({ role: 'user', content: results });
  }
  if (!state.concluded)
    return { ok: false, reason: `the model did not conclude within ${settings.maxTurns} turns`, usage };
  const conclusion = await buildConclusion(session, state.concluded, actions);
  session.emit({ type: 'conclusion', conclusion });
  return {
    ok: true,
    result: { conclusion, evidence: session.records.flatMap((record) => record.evidence) },
    usage,
  };
}
