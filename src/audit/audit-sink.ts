import type { ProgressEvent, ProgressSink } from '../engine/events.ts';
import type { AuditLog } from './types.ts';

export interface AuditSinkMeta {
  /** Who is recorded when the event names nobody (the app, a sweep). Default `runbook`. */
  actor?: string;
  /** A sink never throws into the run: a failed append is handed here to be logged. */
  onError: (error: unknown, event: ProgressEvent) => void;
}

/**
 * Writes every ProgressEvent as one audit record (`type` = the event's type). The runbook id and
 * version come from the run's `run.started` event and are remembered until `run.finished`.
 */
export function auditSink(audit: AuditLog, meta: AuditSinkMeta): ProgressSink {
  const runs = new Map<string, { runbook: string | null; version: string | null; actor: string }>();
  return {
    async emit(event) {
      if (event.type === 'run.started') {
        runs.set(event.runId, {
          runbook: event.runbook?.id ?? null,
          version: event.runbook ? String(event.runbook.version) : null,
          actor: event.actor,
        });
      }
      const run = runs.get(event.runId);
      if (event.type === 'run.finished') runs.delete(event.runId);
      const { type, runId, ...data } = event;
      const actor = event.type === 'approval.decided' ? event.actor : (run?.actor ?? meta.actor ?? 'runbook');
      try {
        await audit.append({
          type,
          run_id: runId,
          runbook: run?.runbook ?? null,
          version: run?.version ?? null,
          actor,
          data,
        });
      } catch (error) {
        meta.onError(error, event);
      }
    },
  };
}
