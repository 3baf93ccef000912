import { z } from 'zod';
import { ErrorBody, IdParam, ListRunsQuery, StartRunBody, StartRunResponse } from './api-schemas.ts';

const schema = (type: z.ZodType) => z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' });

const errorResponses = Object.fromEntries(
  [
    ['400', 'Invalid input: each issue names its path (body.params.service) and message'],
    ['401', 'Missing or unknown bearer token'],
    ['403', 'The token lacks the role, or the approval policy refuses this approver'],
    ['404', 'Unknown id'],
    ['409', 'The run or approval is not in a state that allows this'],
    ['413', 'Body larger than the limit'],
  ].map(([status, description]) => [
    status,
    { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  ]),
);

const json = (description: string, body?: z.ZodType) => ({
  description,
  content: { 'application/json': { schema: body ? schema(body) : { type: 'object' } } },
});

const idParameter = (name: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: name,
  schema: schema(IdParam),
});

function queryParameters(object: z.ZodObject) {
  return Object.entries(object.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: schema(field as z.ZodType),
  }));
}

const action = (summary: string, role: string, id: string) => ({
  post: {
    summary: `${summary} (role ${role})`,
    parameters: [idParameter(id)],
    responses: { '200': json('The updated record'), ...errorResponses },
  },
});

/** The OpenAPI 3.1 document, generated from the zod schemas that validate the requests. */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Runbook API',
      version: '1',
      description:
        'Drive runs, approvals and the runbook library. Authenticate with `Authorization: Bearer <token>`; tokens and their roles (read, run, approve) come from RUNBOOK_API_TOKENS. Every call is audited with the token name.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: schema(ErrorBody) },
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/runs': {
        post: {
          summary: 'Start a runbook with parameters, or an investigation of a target (role run)',
          requestBody: { required: true, content: { 'application/json': { schema: schema(StartRunBody) } } },
          responses: { '202': json('The run started', StartRunResponse), ...errorResponses },
        },
        get: {
          summary: 'List runs, newest first, filtered and paginated (role read)',
          parameters: queryParameters(ListRunsQuery),
          responses: { '200': json('`{runs, nextCursor?}`'), ...errorResponses },
        },
      },
      '/api/runs/{id}': {
        get: {
          summary:
            'A run with its timeline: steps, evidence, hypotheses, decisions, approvals, actions (role read)',
          parameters: [idParameter('Run id')],
          responses: { '200': json('The run and its timeline'), ...errorResponses },
        },
      },
      '/api/runs/{id}/pause': action('Pause a running run', 'run', 'Run id'),
      '/api/runs/{id}/resume': action('Resume a paused run', 'run', 'Run id'),
      '/api/runs/{id}/abort': action('Abort a run', 'run', 'Run id'),
      '/api/approvals': {
        get: {
          summary: 'Pending approvals (role read)',
          responses: { '200': json('`{approvals}`'), ...errorResponses },
        },
      },
      '/api/approvals/{id}/approve': action('Approve, then execute once', 'approve', 'Approval id'),
      '/api/approvals/{id}/deny': action('Deny', 'approve', 'Approval id'),
      '/api/runbooks': {
        get: {
          summary: 'The runbook library (role read)',
          responses: { '200': json('`{runbooks}`'), ...errorResponses },
        },
      },
      '/api/runbooks/{id}/versions': {
        get: {
          summary: 'Versions of a runbook seen since start (role read)',
          parameters: [idParameter('Runbook id')],
          responses: { '200': json('`{id, versions}`'), ...errorResponses },
        },
      },
    },
  };
}
