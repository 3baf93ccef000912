import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { AuditRecord } from './types.ts';

/** The previous hash of the very first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256(prev_hash + canonical JSON of the record without `hash`), hex. */
export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  const { hash: _ignored, ...rest } = record as AuditRecord;
  return createHash('sha256').update(record.prev_hash).update(canonicalJson(rest)).digest('hex');
}
