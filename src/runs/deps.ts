import type { ActionRegistry } from '../actions/types.ts';
import type { ApprovalService, AutonomyAdvisor } from '../approvals/index.ts';
import type { AuditLog } from '../audit/types.ts';
import type { Investigator } from '../investigation/types.ts';
import type { ProviderRegistry } from '../providers/types.ts';
import type { LoadedRunbook, RunbookCatalog } from '../runbooks/index.ts';
import type { StateStore } from '../state/types.ts';

/** A loaded runbook, pinned by its content hash. */
export type RunnableRunbook = LoadedRunbook;

/** What runs need of the runbook catalog: the latest version for new runs, any seen version by hash. */
export type RunbookCatalogPort = Pick<RunbookCatalog, 'get' | 'getVersion' | 'require'>;

/** What runs need of the approval service: request, decide (an approved action executes once), look up. */
export type ApprovalPort = Pick<ApprovalService, 'request' | 'decide' | 'get'>;

export interface RunServiceDeps {
  catalog: RunbookCatalogPort;
  providers: ProviderRegistry;
  actions: ActionRegistry;
  approvals: ApprovalPort;
  audit: AuditLog;
  store: StateStore;
  investigator?: Investigator;
  now: () => Date;
  newId: () => string;
  /** Checks at once per run (default 8). */
  concurrency?: number;
  /** Timeout for a check without its own (default 10 s). */
  defaultTimeoutMs?: number;
  /** How long `close()` waits for in-flight runs before aborting them (default 10 s). */
  closeTimeoutMs?: number;
  /** Who may answer a procedure's approval steps (RUNBOOK_APPROVERS); nobody when absent. */
  approvers?: readonly string[];
  /** Carries out `agent: true` instruction steps (Claude with the investigation's read-only tools). */
  agent?: (
    instruction: string,
    params: Record<string, string | number | boolean>,
    signal: AbortSignal,
  ) => Promise<string>;
  /** Earned autonomy: a remediation's track record, and whether it runs without waiting (off when absent). */
  autonomy?: AutonomyAdvisor;
  /** How long pause/resume/abort of a run another process executes waits for it to apply (default 5 s). */
  controlWaitMs?: number;
  /** Where a failing sink's (or the record store's) error goes; default: a line on stderr. */
  onSinkError?: (error: unknown) => void;
}
