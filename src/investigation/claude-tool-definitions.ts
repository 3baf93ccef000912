import type { EvidenceGrade } from '../engine/index.ts';

/** A tool as the Messages API takes it. */
export interface ToolDefinition {
  name: string;
  description: string;
  input_schema: { type: 'object'; properties: Record<string, unknown>; required?: string[] };
}

export const GRADES: readonly EvidenceGrade[] = ['strong', 'weak', 'none', 'contradicting'];
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
      name: 'datadog_query',
      description: 'Run a Datadog metrics query over the last `window_minutes` (when Datadog is configured).',
      input_schema: {
        type: 'object',
        properties: {
          query: text('Datadog metric query'),
          window_minutes: { type: 'integer', minimum: 1, maximum: 1440 },
          hypothesis_id: text(''),
        },
        required: ['query'],
      },
    },
    {
      name: 'datadog_logs',
      description: 'Search Datadog logs over the last `window_minutes` (when Datadog is configured).',
      input_schema: {
        type: 'object',
        properties: {
          query: text('Datadog log query'),
          window_minutes: { type: 'integer', minimum: 1, maximum: 1440 },
          hypothesis_id: text(''),
        },
        required: ['query'],
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
