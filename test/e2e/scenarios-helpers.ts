import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Command lines of the live processes whose arguments contain `needle` (Linux /proc). */
export function processesMentioning(needle: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      // The process exited between readdir and read.
      continue;
    }
    if (commandLine.includes(needle)) found.push(`${entry}: ${commandLine}`);
  }
  return found;
}

/** The data directory of the Prometheus serving `url`, read from its command line. */
export function prometheusDataDir(url: string): string {
  const address = new URL(url).host;
  const line = processesMentioning(`--web.listen-address=${address}`).find((text) =>
    text.includes('prometheus'),
  );
  const match = /--storage\.tsdb\.path=(\S+)/.exec(line ?? '');
  if (!match?.[1]) throw new Error(`no prometheus process listens on ${address}`);
  return match[1].replace(/\/data$/, '');
}

/** Polls until `check` holds or the time is up; returns whether it held. */
export async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

export function isGone(path: string): boolean {
  return !existsSync(path);
}
