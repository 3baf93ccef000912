import type { ApprovalService } from '../approvals/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { RunbookCatalog } from '../runbooks/index.ts';
import type { RunService } from '../runs/index.ts';

export interface McpDeps {
  runs: RunService;
  catalog: RunbookCatalog;
  approvals: ApprovalService;
  audit: AuditLog;
  /** Who the assistant acts as in runs and the audit log (`mcp:<os user>`). */
  actor: string;
  /** `RUNBOOK_MCP_WRITE=1`: runbook_define and runbook_execute work; otherwise they are refused. */
  write: boolean;
  /** How long `investigate` waits for a conclusion by default before returning the run id. */
  investigateWaitMs?: number;
}

/** A tool's answer as MCP carries it: JSON text, or an error the assistant can read and act on. */
export interface ToolAnswer {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  isError?: boolean;
}

/** Longest report text a tool returns; the full report stays in the run record. */
export const MAX_REPORT_CHARS = 20_000;

export function bounded(text: string, limit = MAX_REPORT_CHARS): string {
  return text.length <= limit
    ? text
    : `${text.slice(0, limit)}\n… (truncated; ${text.length - limit} more characters)`;
}
