export { type AuditLogOptions, openAuditLog } from './audit-log.ts';
export { type AuditSinkMeta, auditSink } from './audit-sink.ts';
export { canonicalJson } from './canonical-json.ts';
export { GENESIS_HASH, hashRecord } from './hash-record.ts';
export { createRedactor, type Redactor, redact, redactText } from './redact.ts';
export { isSecretName, REDACTED } from './redact-rules.ts';
export type { AuditEntry, AuditLog, AuditRecord } from './types.ts';
export { type AuditVerifyResult, verifyAuditLog } from './verify-audit-log.ts';
