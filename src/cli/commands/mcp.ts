import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '../../mcp/index.ts';
import { buildCliServices, cliActor } from '../build-cli-services.ts';
import type { CliCommand } from '../types.ts';

const usage = `Usage: runbook mcp

Serves the Model Context Protocol over stdio for assistants (Claude Desktop, Claude Code):
tools runbook_list, runbook_template, runbook_define, runbook_versions, runbook_execute,
investigate, run_status; the library as runbook://<id> resources. Read-only unless
RUNBOOK_MCP_WRITE=1 (then runbook_define saves drafts and runbook_execute starts runs; actions
still wait for a person's approval in Slack or the CLI). Every call is audited as mcp:<user>.
stdout carries the protocol only: logs go to stderr.`;

/** `runbook mcp`: the MCP server on stdin/stdout until the client disconnects. */
export const mcpCommand: CliCommand = {
  summary: 'Serve the runbooks to assistants over the Model Context Protocol (stdio)',
  usage,
  async run(args, io) {
    if (args.length > 0) {
      io.stderr.write(`runbook mcp: unexpected argument ${args[0]}\n\n${usage}\n`);
      return 2;
    }
    // stdout is the protocol channel: logs and notifications go to stderr.
    const services = await buildCliServices(io, {
      logDestination: { write: (line: string) => io.stderr.write(line) },
      approvalPolicy: {},
      // Whatever an assistant starts, an action waits for a person: no earned autonomy here.
      autonomy: false,
    });
    const actor = cliActor(io).replace(/^cli:/, 'mcp:');
    const server = createMcpServer({
      runs: services.runs,
      catalog: services.catalog,
      approvals: services.approvals,
      audit: services.audit,
      actor,
      write: services.config.mcp.write,
    });
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    try {
      await server.connect(transport);
      services.logger.info({ actor, write: services.config.mcp.write }, 'MCP server ready on stdio');
      await closed;
    } finally {
      await server.close();
      await services.close();
    }
    return 0;
  },
};
