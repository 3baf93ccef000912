export { createMcpServer } from './create-mcp-server.ts';
export type { McpDeps } from './mcp-deps.ts';
export { runbookTemplate, type TemplateRequest } from './runbook-template.ts';
export { DRAFTS_FOLDER, saveDraft } from './save-draft.ts';
