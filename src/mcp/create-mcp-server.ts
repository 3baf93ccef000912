import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpDeps } from './mcp-deps.ts';
import { registerResources } from './register-resources.ts';
import { registerTools } from './register-tools.ts';

/** The Model Context Protocol server over the run service and catalog; connect it to a transport. */
export function createMcpServer(deps: McpDeps, version = '0.1.0'): McpServer {
  const server = new McpServer(
    { name: 'runbook', version },
    {
      instructions:
        "Runbook: the team's incident runbooks. List them (runbook_list or the runbook:// resources), investigate a service, start a runbook and follow it with run_status. Actions never run from here: a person approves them in Slack or the CLI.",
    },
  );
  registerTools(server, deps);
  registerResources(server, deps);
  return server;
}
