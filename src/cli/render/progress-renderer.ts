import type { ProgressEvent, ProgressSink } from '../../engine/index.ts';
import { describeProgress } from './describe-progress.ts';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[2K';

export interface ProgressRenderer extends ProgressSink {
  emit(event: ProgressEvent): void;
  /** Stops the spinner and clears its line. */
  stop(): void;
}

/**
 * Live progress in the terminal: a line per finished check and decision; on a TTY, a spinner
 * under them naming the checks still running. Without a TTY (CI, pipes), plain lines only.
 */
export function createProgressRenderer(
  out: { write(text: string): unknown },
  options: { tty: boolean; columns?: number },
): ProgressRenderer {
  const running = new Map<string, string>();
  const width = Math.max(40, (options.columns ?? 100) - 30);
  let frame = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const spinnerLine = () => {
    const names = [...running.values()];
    const shown = names.slice(0, 4).join(', ') + (names.length > 4 ? ` +${names.length - 4}` : '');
    return `${FRAMES[frame % FRAMES.length]} ${names.length} running: ${shown}`;
  };
  const redraw = () => {
    if (!options.tty) return;
    out.write(CLEAR_LINE + (running.size > 0 ? spinnerLine() : ''));
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (options.tty) out.write(CLEAR_LINE);
  };

  return {
    emit(event: ProgressEvent) {
      if (event.type === 'check.started') running.set(event.checkId, event.name);
      if (event.type === 'check.finished') running.delete(event.outcome.checkId);
      const line = describeProgress(event, width);
      if (options.tty) out.write(CLEAR_LINE);
      if (line !== undefined) out.write(`${line}\n`);
      if (options.tty && running.size > 0 && !timer) {
        timer = setInterval(() => {
          frame += 1;
          redraw();
        }, 80);
        timer.unref?.();
      }
      if (running.size === 0 && timer) stop();
      redraw();
    },
    stop,
  };
}
