import type { AuditLog } from '../audit/types.ts';
import type { ProgressEvent, ProgressSink, RunStatus } from '../engine/events.ts';
import type { StateStore } from '../state/types.ts';
import { fanOut } from './fan-out.ts';
import { appendBounded, createRecordWriter } from './run-records.ts';
import type { RunRecord } from './types.ts';

export interface LiveRunOptions {
  record: RunRecord;
  store: StateStore;
  audit: AuditLog;
  /** Sinks for this run only: the caller's sink and the audit sink. */
  sinks: ProgressSink[];
  /** Everyone following the run through `subscribe()`, looked up at each event. */
  subscribers: () => Iterable<ProgressSink>;
  onError: (error: unknown) => void;
}

/** One run in this process: its record, its cancellation, its pause gate and its event fan-out. */
export class LiveRun {
  readonly record: RunRecord;
  readonly controller = new AbortController();
  private readonly options: LiveRunOptions;
  private readonly writer: ReturnType<typeof createRecordWriter>;
  private readonly pendingSinks = new Set<Promise<void>>();
  private resumeGate: { promise: Promise<void>; open: () => void } | undefined;
  /** The sink of whoever started the run (the CLI's renderer), handed on to the runs it starts. */
  callerSink: ProgressSink | undefined;
  /** Set when the process stops while the run is paused: it stays paused in the store, to resume later. */
  suspended = false;

  constructor(options: LiveRunOptions) {
    this.options = options;
    this.record = options.record;
    this.writer = createRecordWriter(options.store, options.record, options.onError);
    this.writer.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  emit = (event: ProgressEvent): void => {
    appendBounded(this.record.events, event);
    this.writer.touch();
    const sinks = [...this.options.sinks, ...this.options.subscribers()];
    for (const pending of fanOut(sinks, event, this.options.onError)) {
      this.pendingSinks.add(pending);
      void pending.finally(() => this.pendingSinks.delete(pending));
    }
  };

  setStatus(status: RunStatus): void {
    this.record.status = status;
    this.writer.touch();
  }

  /** Pause, resume and abort are audited with who asked: they are not progress events. */
  private audit(type: 'run.paused' | 'run.resumed' | 'run.aborted', actor: string): void {
    const runbook = this.record.runbook;
    this.options.audit
      .append({
        type,
        run_id: this.record.id,
        runbook: runbook?.id ?? null,
        version: runbook ? String(runbook.version) : null,
        actor,
        data: { status: this.record.status },
      })
      .catch(this.options.onError);
  }

  pause(actor: string): void {
    if (this.resumeGate) return;
    let open = () => {};
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.resumeGate = { promise, open };
    this.setStatus('paused');
    this.audit('run.paused', actor);
  }

  resume(actor: string): void {
    const gate = this.resumeGate;
    this.resumeGate = undefined;
    gate?.open();
    this.setStatus('running');
    this.audit('run.resumed', actor);
  }

  abort(actor: string): void {
    this.controller.abort(new Error(`aborted by ${actor}`));
    const gate = this.resumeGate;
    this.resumeGate = undefined;
    gate?.open();
    this.audit('run.aborted', actor);
  }

  /** Stops executing without finishing the run: a paused run survives a restart this way. */
  suspend(): void {
    this.suspended = true;
    this.controller.abort(new Error('suspended while paused: the process is stopping'));
    const gate = this.resumeGate;
    this.resumeGate = undefined;
    gate?.open();
  }

  /** Called between steps: waits while the run is paused. */
  async boundary(): Promise<void> {
    while (this.resumeGate) await this.resumeGate.promise;
  }

  /** Waits until every sink has taken the events so far and the record is stored. */
  async settle(): Promise<void> {
    await Promise.all([...this.pendingSinks]);
    await this.writer.flush();
  }
}
