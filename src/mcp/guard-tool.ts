import { errorMessage, RunbookError } from '../errors/index.ts';
import type { McpDeps, ToolAnswer } from './mcp-deps.ts';

const answer = (value: unknown): ToolAnswer => ({
  content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) }],
});

const failure = (text: string): ToolAnswer => ({ content: [{ type: 'text', text }], isError: true });

/** Arguments as the audit log keeps them: long texts (a whole runbook) as their length only. */
function auditedArgs(args: unknown): unknown {
  if (args === null || typeof args !== 'object') return args;
  return Object.fromEntries(
    Object.entries(args).map(([key, value]) => [
      key,
      typeof value === 'string' && value.length > 500 ? `<${value.length} characters>` : value,
    ]),
  );
}

/**
 * Wraps a tool: refuses write tools unless RUNBOOK_MCP_WRITE is on, turns errors into tool errors
 * (with their stable code), and audits every call as `mcp.call` with its arguments and outcome.
 */
export function guardTool<A>(
  deps: McpDeps,
  tool: string,
  access: 'read' | 'write',
  handler: (args: A) => Promise<unknown>,
): (args: A) => Promise<ToolAnswer> {
  return async (args) => {
    const audit = (data: Record<string, unknown>, runId?: string) =>
      deps.audit.append({
        type: 'mcp.call',
        actor: deps.actor,
        run_id: runId ?? null,
        data: { tool, args: auditedArgs(args), ...data },
      });
    if (access === 'write' && !deps.write) {
      await audit({ ok: false, error: 'read-only' });
      return failure(
        `${tool} is disabled: this MCP server is read-only. An operator enables defining and starting runbooks with RUNBOOK_MCP_WRITE=1.`,
      );
    }
    try {
      const result = await handler(args);
      const runId =
        result && typeof result === 'object' && 'runId' in result && typeof result.runId === 'string'
          ? result.runId
          : undefined;
      await audit({ ok: true }, runId);
      return answer(result);
    } catch (error) {
      const code = error instanceof RunbookError ? error.code : 'internal';
      await audit({ ok: false, error: code });
      return failure(`${errorMessage(error)} [${code}]`);
    }
  };
}
