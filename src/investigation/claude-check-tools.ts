import type { DiagnosticDefinition } from '../runbooks/index.ts';
import type { BoundCheck } from './bind-checks.ts';
import { wrapUntrusted } from './claude-prompt.ts';
import { field, type ToolResult, type ToolState } from './claude-tool-state.ts';
import type { RanCheck } from './execute-checks.ts';

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

/** The tools that read: runbook checks by id, and ad-hoc checks of each diagnostic type. */
export async function executeCheckTool(
  state: ToolState,
  name: string,
  input: Record<string, unknown>,
): Promise<ToolResult | undefined> {
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
    case 'datadog_query':
    case 'datadog_logs': {
      const query = field(input, 'query');
      if (!query) return { content: 'query is required', isError: true };
      const minutes =
        typeof input['window_minutes'] === 'number'
          ? Math.min(1440, Math.max(1, Math.floor(input['window_minutes'])))
          : 60;
      const base = { id: adHocId(name, state), query, window: `${minutes}m`, timeout: '10s' };
      const step: DiagnosticDefinition =
        name === 'datadog_query'
          ? { ...base, type: 'datadog_query' }
          : { ...base, type: 'datadog_logs', limit: 20 };
      return runAdHoc(state, step, hypothesisId);
    }
    default:
      return undefined;
  }
}
