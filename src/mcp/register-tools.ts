import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { RunbookError } from '../errors/index.ts';
import { guardTool } from './guard-tool.ts';
import type { McpDeps } from './mcp-deps.ts';
import { describeRun } from './run-view.ts';
import { runbookTemplate } from './runbook-template.ts';
import { saveDraft } from './save-draft.ts';

const RunbookId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a runbook id like "disk-full"');
const RunId = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'expected a run id as runbook_execute or investigate returned');
const DEFAULT_INVESTIGATE_WAIT_MS = 60_000;

/** Waits for a run to finish, at most `ms`; resolves either way. */
async function settleWithin(done: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** The tools: list, template, define (write), versions, execute (write), investigate, run_status. */
export function registerTools(server: McpServer, deps: McpDeps): void {
  const origin = { source: 'mcp' as const };
  const readRun = async (runId: string) => {
    const record = await deps.runs.get(runId);
    if (!record) throw new RunbookError('run.not_found', `no run "${runId}"`);
    return describeRun(record, deps.approvals);
  };

  server.registerTool(
    'runbook_list',
    {
      description: 'List the runbook library: id, name, status (draft/published/archived), service, version.',
    },
    guardTool(deps, 'runbook_list', 'read', async () =>
      deps.catalog.list().map(({ definition, version, hash }) => ({
        id: definition.id,
        name: definition.name,
        status: definition.status,
        service: definition.service,
        severity: definition.severity,
        version,
        hash,
      })),
    ),
  );

  server.registerTool(
    'runbook_template',
    {
      description:
        'A draft runbook YAML skeleton that validates as written; edit it, then save it with runbook_define.',
      inputSchema: {
        id: RunbookId,
        name: z.string().max(200).optional(),
        service: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a service name like "checkout"')
          .optional(),
        alertName: z.string().max(200).optional(),
      },
    },
    guardTool(deps, 'runbook_template', 'read', async (args) => runbookTemplate(args)),
  );

  server.registerTool(
    'runbook_define',
    {
      description:
        'Validate a runbook YAML (status must be draft) and save it to the library as a draft. Problems come back as file:line: field: message. Needs RUNBOOK_MCP_WRITE=1.',
      inputSchema: {
        yaml: z
          .string()
          .min(1)
          .max(256 * 1024),
      },
    },
    guardTool(deps, 'runbook_define', 'write', async ({ yaml }) => {
      const saved = await saveDraft(deps.catalog, yaml);
      return {
        saved: saved.definition.id,
        status: saved.definition.status,
        version: saved.version,
        hash: saved.hash,
      };
    }),
  );

  server.registerTool(
    'runbook_versions',
    {
      description: 'The versions of a runbook this server has seen (version, content hash, when loaded).',
      inputSchema: { runbookId: RunbookId },
    },
    guardTool(deps, 'runbook_versions', 'read', async ({ runbookId }) => {
      deps.catalog.require(runbookId);
      return deps.catalog
        .versions(runbookId)
        .map((info) => ({ version: info.version, hash: info.hash, loadedAt: info.loadedAt.toISOString() }));
    }),
  );

  server.registerTool(
    'runbook_execute',
    {
      description:
        'Start a runbook with parameters and return its run id. Diagnostics run now; any action waits for a person to approve it in Slack or the CLI. Needs RUNBOOK_MCP_WRITE=1.',
      inputSchema: { runbookId: RunbookId, params: z.record(z.string(), z.string().max(1000)).optional() },
    },
    guardTool(deps, 'runbook_execute', 'write', async ({ runbookId, params }) => {
      const handle = await deps.runs.startRunbook({
        runbookId,
        params: params ?? {},
        actor: deps.actor,
        origin,
      });
      return { runId: handle.runId, status: 'running', next: 'call run_status with this runId' };
    }),
  );

  server.registerTool(
    'investigate',
    {
      description:
        'Investigate a service, workload, alert name or incident (read-only checks): hypotheses, evidence, root cause. Waits up to waitSeconds for the conclusion, else returns the run id.',
      inputSchema: {
        target: z.string().min(1).max(200),
        text: z.string().max(4000).optional(),
        waitSeconds: z.number().int().min(0).max(300).optional(),
      },
    },
    guardTool(deps, 'investigate', 'read', async ({ target, text, waitSeconds }) => {
      const handle = await deps.runs.startInvestigation({
        trigger: { target, ...(text === undefined ? {} : { text }) },
        actor: deps.actor,
        origin,
      });
      const waitMs =
        waitSeconds === undefined
          ? (deps.investigateWaitMs ?? DEFAULT_INVESTIGATE_WAIT_MS)
          : waitSeconds * 1000;
      await settleWithin(handle.done, waitMs);
      return readRun(handle.runId);
    }),
  );

  server.registerTool(
    'run_status',
    {
      description: 'A run: status, conclusion, approvals waiting for a person, and its report.',
      inputSchema: { runId: RunId },
    },
    guardTool(deps, 'run_status', 'read', async ({ runId }) => readRun(runId)),
  );
}
