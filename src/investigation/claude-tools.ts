import type { EvidenceGrade } from '../engine/index.ts';
import { RunbookError } from '../errors/index.ts';
import {
  type DiagnosticDefinition,
  isRootCause,
  type LoadedRunbook,
  type RootCause,
  RunbookSchema,
} from '../runbooks/index.ts';
import type { BoundCheck } from './bind-checks.ts';
import type { KnowledgeIndex } from './build-knowledge-index.ts';
import { wrapUntrusted } from './claude-prompt.ts';
import { hostOf } from './derive-context.ts';
import type { RanCheck } from './execute-checks.ts';
import { addHypothesis, type InvestigationSession } from './investigation-session.ts';
import { confidenceAfter } from './update-confidence.ts';

export interface ToolDefinition {
  name: string;
  description: string;
  input_schema: { type: 'object'; properties: Record<string, unknown>; required?: string[] };
}

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

const GRADES: readonly EvidenceGrade[] = ['strong', 'weak', 'none', 'contradicting'];
const text = (description: string) => ({ type: 'string', description });

/** The model's tools: read-only checks, knowledge search, and bookkeeping for hypotheses. Nothing here mutates. */
export function toolDefinitions(): ToolDefinition[] {
  return [
    {
      name: 'run_check',
      description: 'Run one runbook check by id (from the brief). Its health thresholds are applied.',
      input_schema: {
        type: 'object',
        properties: {
          check_id: text('e.g. "oom-killed.restarts"'),
          hypothesis_id: text('the hypothesis it tests'),
        },
        required: ['check_id'],
      },
    },
    {
      name: 'prometheus_query',
      description: 'Run a PromQL query (instant, or a range over the last `range_minutes`).',
      input_schema: {
        type: 'object',
        properties: {
          query: text('PromQL'),
          range_minutes: { type: 'integer', minimum: 1, maximum: 360 },
          hypothesis_id: text(''),
        },
        required: ['query'],
      },
    },
    {
      name: 'kubernetes',
      description:
        'Read Kubernetes state: pods, events, logs, rollout_history, nodes or deployment of a workload.',
      input_schema: {
        type: 'object',
        properties: {
          resource: {
            type: 'string',
            enum: ['pods', 'events', 'logs', 'rollout_history', 'nodes', 'deployment'],
          },
          namespace: text(''),
          workload: text('Deployment / StatefulSet name'),
          tail_lines: { type: 'integer', minimum: 1, maximum: 500 },
          previous: { type: 'boolean' },
          hypothesis_id: text(''),
        },
        required: ['resource'],
      },
    },
    {
      name: 'log_search',
      description: 'Search container logs of a workload for a substring or regular expression.',
      input_schema: {
        type: 'object',
        properties: {
          pattern: text(''),
          regex: { type: 'boolean' },
          namespace: text(''),
          workload: text(''),
          window_minutes: { type: 'integer', minimum: 1, maximum: 1440 },
          hypothesis_id: text(''),
        },
        required: ['pattern'],
      },
    },
    {
      name: 'http_check',
      description:
        'GET a URL of a host the incident already names (a dependency, a probe target). Other hosts are refused.',
      input_schema: {
        type: 'object',
        properties: { url: text('http(s)://host/path'), hypothesis_id: text('') },
        required: ['url'],
      },
    },
    {
      name: 'search_knowledge',
      description: 'Search runbooks, post-mortems and architecture notes.',
      input_schema: { type: 'object', properties: { query: text('') }, required: ['query'] },
    },
    {
      name: 'propose_hypothesis',
      description: 'Record a testable hypothesis. Returns its id.',
      input_schema: {
        type: 'object',
        properties: {
          category: text('a root-cause category'),
          statement: text(''),
          resource: text('workload, node, dependency or volume'),
        },
        required: ['category', 'statement'],
      },
    },
    {
      name: 'grade_evidence',
      description: 'Grade what a check says about a hypothesis.',
      input_schema: {
        type: 'object',
        properties: {
          hypothesis_id: text(''),
          check_id: text(''),
          grade: { type: 'string', enum: [...GRADES] },
          reason: text(''),
        },
        required: ['hypothesis_id', 'check_id', 'grade', 'reason'],
      },
    },
    {
      name: 'prune_hypothesis',
      description: 'Rule a hypothesis out, saying why.',
      input_schema: {
        type: 'object',
        properties: { hypothesis_id: text(''), reason: text('') },
        required: ['hypothesis_id', 'reason'],
      },
    },
    {
      name: 'conclude',
      description: 'Conclude the investigation. remediation_ids must come from the brief.',
      input_schema: {
        type: 'object',
        properties: {
          category: text('a root-cause category, or "none"'),
          resource: text(''),
          summary: text('one sentence'),
          confidence: { type: 'string', enum: ['high', 'medium', 'low'] },
          hypothesis_id: text(''),
          remediation_ids: { type: 'array', items: { type: 'string' } },
        },
        required: ['category', 'summary', 'confidence'],
      },
    },
  ];
}

function field(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function describeRan(ran: RanCheck): string {
  const { outcome, result } = ran;
  const body = {
    check_id: outcome.checkId,
    health: outcome.health,
    value: outcome.value,
    summary: outcome.summary,
    query: outcome.query,
    series: result.series.slice(0, 10).map((point) => ({
      labels: point.labels,
      value: point.value,
      samples: point.samples?.filter((_, index, all) => index % Math.ceil(all.length / 12) === 0),
    })),
    items: result.items.slice(0, 15),
    fields: result.fields,
  };
  return wrapUntrusted(`${outcome.diagnosticType} result`, JSON.stringify(body));
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

async function runAdHoc(
  state: ToolState,
  step: DiagnosticDefinition,
  hypothesisId: string | undefined,
): Promise<ToolResult> {
  const { id: _id, ...question } = step;
  const check: BoundCheck = {
    checkId: step.id,
    runbook: state.adHocRunbook,
    diagnostic: step,
    step,
    params: {},
    evidenceFor: [],
    fingerprint: JSON.stringify(question),
  };
  return runBound(state, check, hypothesisId);
}

async function runBound(
  state: ToolState,
  check: BoundCheck,
  hypothesisId: string | undefined,
): Promise<ToolResult> {
  const { runner } = state.session;
  const earlier = runner.find(check);
  if (earlier) return { content: describeRan(earlier), isError: false };
  if (runner.remainingBudget === 0 || state.session.isOutOfTime()) {
    return { content: 'check budget exhausted: conclude with the evidence you have', isError: true };
  }
  const [ran] = await runner.run([check], hypothesisId);
  return ran
    ? { content: describeRan(ran), isError: false }
    : { content: 'the check did not run', isError: true };
}

function adHocId(type: string, state: ToolState): string {
  state.adHocCount += 1;
  return `model.${type}_${state.adHocCount}`;
}

function recordFor(state: ToolState, id: string | undefined) {
  return state.session.records.find((record) => record.hypothesis.id === id);
}

/** Executes one tool call. Errors the model can fix come back as tool errors, never as exceptions. */
export async function executeTool(
  state: ToolState,
  name: string,
  input: Record<string, unknown>,
): Promise<ToolResult> {
  const hypothesisId = field(input, 'hypothesis_id');
  const { session } = state;
  switch (name) {
    case 'run_check': {
      const check = session.bound.find((candidate) => candidate.checkId === field(input, 'check_id'));
      if (!check)
        return {
          content: `unknown check_id ${JSON.stringify(input['check_id'])}; use an id from the brief`,
          isError: true,
        };
      return runBound(state, check, hypothesisId);
    }
    case 'prometheus_query': {
      const query = field(input, 'query');
      if (!query) return { content: 'query is required', isError: true };
      const minutes =
        typeof input['range_minutes'] === 'number'
          ? Math.min(360, Math.max(1, Math.floor(input['range_minutes'])))
          : undefined;
      return runAdHoc(
        state,
        {
          id: adHocId('prometheus', state),
          type: 'prometheus_query',
          query,
          timeout: '10s',
          ...(minutes ? { range: { window: `${minutes}m`, step: '1m' } } : {}),
        },
        hypothesisId,
      );
    }
    case 'kubernetes': {
      const resource = field(input, 'resource');
      const allowed = ['pods', 'events', 'logs', 'rollout_history', 'nodes', 'deployment'] as const;
      const chosen = allowed.find((candidate) => candidate === resource);
      if (!chosen) return { content: `resource must be one of ${allowed.join(', ')}`, isError: true };
      const namespace = field(input, 'namespace') ?? session.incident.namespace;
      const workload = field(input, 'workload') ?? session.incident.workload;
      const tail =
        typeof input['tail_lines'] === 'number'
          ? Math.min(500, Math.max(1, Math.floor(input['tail_lines'])))
          : undefined;
      return runAdHoc(
        state,
        {
          id: adHocId('kubernetes', state),
          type: 'kubernetes',
          resource: chosen,
          timeout: '10s',
          ...(namespace ? { namespace } : {}),
          ...(workload && chosen !== 'nodes' ? { workload } : {}),
          ...(tail ? { tailLines: tail } : {}),
          ...(input['previous'] === true ? { previous: true } : {}),
        },
        hypothesisId,
      );
    }
    case 'log_search': {
      const pattern = field(input, 'pattern');
      if (!pattern) return { content: 'pattern is required', isError: true };
      const namespace = field(input, 'namespace') ?? session.incident.namespace;
      const workload = field(input, 'workload') ?? session.incident.workload;
      const minutes =
        typeof input['window_minutes'] === 'number'
          ? Math.min(1440, Math.max(1, Math.floor(input['window_minutes'])))
          : 60;
      return runAdHoc(
        state,
        {
          id: adHocId('logs', state),
          type: 'log_search',
          pattern,
          regex: input['regex'] === true,
          window: `${minutes}m`,
          limit: 20,
          timeout: '10s',
          ...(namespace ? { namespace } : {}),
          ...(workload ? { workload } : {}),
        },
        hypothesisId,
      );
    }
    case 'http_check': {
      const url = field(input, 'url') ?? '';
      const parsed = URL.canParse(url) ? new URL(url) : undefined;
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
        return { content: `not an http(s) URL: ${JSON.stringify(url)}`, isError: true };
      }
      const host = parsed.hostname;
      if (!state.allowedHosts.has(host)) {
        return {
          content: `host ${host} is not one this incident names; allowed: ${[...state.allowedHosts].join(', ') || 'none'}`,
          isError: true,
        };
      }
      return runAdHoc(
        state,
        { id: adHocId('http', state), type: 'http_check', url, method: 'GET', timeout: '5s' },
        hypothesisId,
      );
    }
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
