import type { AuditLog } from '../audit/types.ts';
import type { ProgressSink } from '../engine/events.ts';
import type { RunRecord } from './types.ts';

/**
 * Audits events that arrive after a run finished (approval decisions, actions, validation), with
 * the runbook and version taken from the stored record rather than from a `run.started` in memory.
 */
export function recordAuditSink(
  audit: AuditLog,
  record: RunRecord,
  onError: (error: unknown) => void,
): ProgressSink {
  return {
    async emit(event) {
      const { type, runId, ...data } = event;
      try {
        await audit.append({
          type,
          run_id: runId,
          runbook: record.runbook?.id ?? null,
          version: record.runbook ? String(record.runbook.version) : null,
          actor: event.type === 'approval.decided' ? event.actor : record.actor,
          data,
        });
      } catch (error) {
        onError(error);
      }
    },
  };
}
