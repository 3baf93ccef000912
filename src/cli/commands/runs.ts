import type { RunStatus } from '../../engine/events.ts';
import type { RunRecord } from '../../runs/index.ts';
import { buildCliServices } from '../build-cli-services.ts';
import type { CliCommand } from '../types.ts';

const STATUSES: readonly RunStatus[] = ['running', 'paused', 'completed', 'failed', 'cancelled'];
const LIMIT = 50;
const usage = `Usage: runbook runs [--status ${STATUSES.join('|')}] [--json]

Lists the ${LIMIT} most recent runs in RUNBOOK_DATA_DIR (or Redis), newest first: id, kind,
runbook or target, status, start time and elapsed time.`;

function elapsed(record: RunRecord, now: Date): string {
  const end = record.finishedAt ? Date.parse(record.finishedAt) : now.getTime();
  const seconds = Math.max(0, Math.round((end - Date.parse(record.startedAt)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${seconds % 60}s`;
  return `${Math.floor(seconds / 3600)}h${Math.floor((seconds % 3600) / 60)}m`;
}

function parse(args: string[]): { status?: RunStatus; json: boolean } | string {
  let status: RunStatus | undefined;
  let json = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--json') json = true;
    else if (arg === '--status') {
      index += 1;
      const value = args[index];
      const found = STATUSES.find((candidate) => candidate === value);
      if (!found) return `--status takes one of ${STATUSES.join(', ')}`;
      status = found;
    } else return `unknown argument ${arg}`;
  }
  return status === undefined ? { json } : { status, json };
}

/** `runbook runs`: recent runs from the shared state store. */
export const runsCommand: CliCommand = {
  summary: 'List recent runs: id, kind, runbook or target, status, started, elapsed',
  usage,
  async run(args, io) {
    const parsed = parse(args);
    if (typeof parsed === 'string') {
      io.stderr.write(`runbook runs: ${parsed}\n\n${usage}\n`);
      return 2;
    }
    const services = await buildCliServices(io);
    try {
      const records = await services.runs.list({
        ...(parsed.status === undefined ? {} : { status: parsed.status }),
        limit: LIMIT,
      });
      const now = new Date();
      if (parsed.json) {
        const rows = records.map(
          ({ events: _events, reportMarkdown: _report, investigation: _inv, ...rest }) => ({
            ...rest,
            elapsed: elapsed(rest as RunRecord, now),
          }),
        );
        io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return 0;
      }
      if (records.length === 0) {
        io.stdout.write(`no runs${parsed.status ? ` with status ${parsed.status}` : ''}\n`);
        return 0;
      }
      const rows = [
        ['ID', 'KIND', 'RUNBOOK/TARGET', 'STATUS', 'STARTED', 'ELAPSED'],
        ...records.map((record) => [
          record.id,
          record.kind,
          record.runbook ? `${record.runbook.id} v${record.runbook.version}` : record.target,
          record.status,
          record.startedAt,
          elapsed(record, now),
        ]),
      ];
      const widths =
        rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
      for (const row of rows) {
        io.stdout.write(
          `${row
            .map((cell, column) => cell.padEnd(widths[column] ?? 0))
            .join('  ')
            .trimEnd()}\n`,
        );
      }
      return 0;
    } finally {
      await services.close();
    }
  },
};
