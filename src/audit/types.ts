/**
 * One line of the append-only audit log. `hash` = sha256(prev_hash + canonical JSON of the record
 * without `hash`), so editing, removing or reordering a line breaks the chain. Secrets are
 * redacted before hashing.
 */
export interface AuditRecord {
  ts: string;
  seq: number;
  prev_hash: string;
  hash: string;
  run_id: string | null;
  runbook: string | null;
  version: string | null;
  actor: string;
  type: string;
  data: unknown;
}

export type AuditEntry = Pick<AuditRecord, 'actor' | 'type' | 'data'> &
  Partial<Pick<AuditRecord, 'run_id' | 'runbook' | 'version'>>;

export interface AuditLog {
  readonly path: string;
  append(entry: AuditEntry): Promise<AuditRecord>;
  close(): Promise<void>;
}
