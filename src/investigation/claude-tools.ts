import { isRootCause } from '../runbooks/index.ts';
import { executeCheckTool } from './claude-check-tools.ts';
import { wrapUntrusted } from './claude-prompt.ts';
import { GRADES } from './claude-tool-definitions.ts';
import { field, type ToolResult, type ToolState } from './claude-tool-state.ts';
import { addHypothesis } from './investigation-session.ts';
import { confidenceAfter } from './update-confidence.ts';

export { toolDefinitions } from './claude-tool-definitions.ts';
export { adHocRunbook, allowedHosts, type ConcludeRequest, type ToolState } from './claude-tool-state.ts';

function recordFor(state: ToolState, id: string | undefined) {
  return state.session.records.find((record) => record.hypothesis.id === id);
}

/** Executes one tool call. Errors the model can fix come back as tool errors, never as exceptions. */
export async function executeTool(
  state: ToolState,
  name: string,
  input: Record<string, unknown>,
): Promise<ToolResult> {
  const read = await executeCheckTool(state, name, input);
  if (read) return read;
  const hypothesisId = field(input, 'hypothesis_id');
  const { session } = state;
  switch (name) {
    case 'search_knowledge': {
      const hits = state.index.search(field(input, 'query') ?? '', 5);
      return {
        content: wrapUntrusted(
          'knowledge base',
          JSON.stringify(hits.map(({ source, title, excerpt }) => ({ source, title, excerpt }))),
        ),
        isError: false,
      };
    }
    case 'propose_hypothesis': {
      const category = field(input, 'category') ?? '';
      if (!isRootCause(category) || category === 'none')
        return { content: `unknown category ${JSON.stringify(category)}`, isError: true };
      if (session.records.length >= 5)
        return { content: 'at most 5 hypotheses: test the ones you have', isError: true };
      const resource = field(input, 'resource');
      const statement = field(input, 'statement')?.slice(0, 300);
      const record = addHypothesis(session, category, 0.2, {
        ...(resource ? { resource } : {}),
        ...(statement ? { statement } : {}),
      });
      return { content: JSON.stringify({ hypothesis_id: record.hypothesis.id }), isError: false };
    }
    case 'grade_evidence': {
      const record = recordFor(state, hypothesisId);
      if (!record) return { content: `unknown hypothesis_id ${JSON.stringify(hypothesisId)}`, isError: true };
      const grade = GRADES.find((candidate) => candidate === input['grade']);
      const checkId = field(input, 'check_id');
      if (!grade || !checkId || !session.runner.ran.has(checkId)) {
        return {
          content: 'grade must be strong/weak/none/contradicting and check_id a check that ran',
          isError: true,
        };
      }
      const item = {
        hypothesisId: record.hypothesis.id,
        checkId,
        grade,
        reason: (field(input, 'reason') ?? '').slice(0, 500),
      };
      record.evidence = [...record.evidence.filter((existing) => existing.checkId !== checkId), item];
      record.hypothesis.confidence = confidenceAfter(
        record.prior,
        record.evidence.map((entry) => entry.grade),
      );
      if (grade === 'strong' && record.hypothesis.status === 'open') record.hypothesis.status = 'supported';
      session.emit({ type: 'evidence.graded', evidence: item, confidence: record.hypothesis.confidence });
      return { content: JSON.stringify({ confidence: record.hypothesis.confidence }), isError: false };
    }
    case 'prune_hypothesis': {
      const record = recordFor(state, hypothesisId);
      if (!record) return { content: `unknown hypothesis_id ${JSON.stringify(hypothesisId)}`, isError: true };
      record.hypothesis.status = 'pruned';
      record.prunedBecause = (field(input, 'reason') ?? 'ruled out').slice(0, 500);
      session.emit({
        type: 'hypothesis.pruned',
        hypothesisId: record.hypothesis.id,
        reason: record.prunedBecause,
      });
      return { content: 'pruned', isError: false };
    }
    case 'conclude':
      return acceptConclusion(state, input);
    default:
      return { content: `unknown tool ${name}`, isError: true };
  }
}

function acceptConclusion(state: ToolState, input: Record<string, unknown>): ToolResult {
  const category = field(input, 'category') ?? '';
  if (!isRootCause(category))
    return { content: `unknown category ${JSON.stringify(category)}`, isError: true };
  const confidence =
    (['high', 'medium', 'low'] as const).find((level) => level === input['confidence']) ?? 'low';
  const requested = Array.isArray(input['remediation_ids'])
    ? input['remediation_ids'].filter((id): id is string => typeof id === 'string')
    : [];
  const known = new Set(
    state.session.runbooks.flatMap((runbook) =>
      runbook.definition.remediations.map((remediation) => `${runbook.definition.id}/${remediation.id}`),
    ),
  );
  const unknown = requested.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    return {
      content: `rejected: unknown remediation id(s) ${unknown.join(', ')}. Only ids from the brief are allowed; conclude again.`,
      isError: true,
    };
  }
  const hypothesisId = field(input, 'hypothesis_id');
  const resource = field(input, 'resource');
  state.concluded = {
    category,
    summary: (field(input, 'summary') ?? '').slice(0, 600),
    confidence,
    remediationIds: category === 'none' ? [] : requested,
    ...(resource ? { resource } : {}),
    ...(hypothesisId ? { hypothesisId } : {}),
  };
  return { content: 'conclusion recorded', isError: false };
}
