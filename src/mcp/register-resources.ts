import { readFile } from 'node:fs/promises';
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RunbookError } from '../errors/index.ts';
import type { McpDeps } from './mcp-deps.ts';

/** The runbook library as resources: `runbook://<id>`, the YAML as written. */
export function registerResources(server: McpServer, deps: McpDeps): void {
  const template = new ResourceTemplate('runbook://{id}', {
    list: async () => ({
      resources: deps.catalog.list().map(({ definition }) => ({
        uri: `runbook://${definition.id}`,
        name: definition.id,
        title: definition.name,
        mimeType: 'application/yaml',
        ...(definition.description === undefined ? {} : { description: definition.description.trim() }),
      })),
    }),
  });
  server.registerResource(
    'runbook',
    template,
    { description: 'A runbook of the library, as YAML', mimeType: 'application/yaml' },
    async (uri, variables) => {
      const id = String(variables['id'] ?? '');
      const runbook = deps.catalog.get(id);
      await deps.audit.append({
        type: 'mcp.read',
        actor: deps.actor,
        runbook: id,
        version: runbook ? String(runbook.version) : null,
        data: { uri: uri.href, found: runbook !== undefined },
      });
      if (!runbook) throw new RunbookError('runbook.not_found', `no runbook "${id}"`);
      return {
        contents: [
          { uri: uri.href, mimeType: 'application/yaml', text: await readFile(runbook.file, 'utf8') },
        ],
      };
    },
  );
}
