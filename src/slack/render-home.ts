import type { types } from '@slack/bolt';
import type { RunbookDefinition } from '../runbooks/schema.ts';
import type { RunRecord } from '../runs/types.ts';
import { truncateText } from './block-limits.ts';
import { context, escapeText, header, type KnownBlock, STATUS_EMOJI, section } from './render-text.ts';
import { formatElapsed } from './run-view.ts';

export const TIMELINE_ACTION_ID = 'run_timeline';
export const PAUSE_ACTION_ID = 'run_pause';
export const ABORT_ACTION_ID = 'run_abort';

/** Slack allows 100 blocks in a Home tab. */
const MAX_HOME_BLOCKS = 100;
const MAX_RUNBOOKS = 40;
const MAX_RUNS = 15;

function button(text: string, actionId: string, value: string, style?: 'danger'): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text, emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/** View timeline, and Pause / Abort while the run is live. */
export function runButtons(record: Pick<RunRecord, 'id' | 'status'>): KnownBlock {
  const elements: types.Button[] = [button('Timeline', TIMELINE_ACTION_ID, record.id)];
  if (record.status === 'running') elements.push(button('Pause', PAUSE_ACTION_ID, record.id));
  if (record.status === 'running' || record.status === 'paused') {
    elements.push(button('Abort', ABORT_ACTION_ID, record.id, 'danger'));
  }
  return { type: 'actions', block_id: `run:${record.id}`, elements };
}

function runbookLine(
  definition: RunbookDefinition,
  version: number,
  last: RunRecord | undefined,
  now: Date,
): string {
  const steps = definition.steps?.length ?? definition.diagnostics.length;
  const unit = definition.steps ? 'steps' : 'checks';
  const lastRun = last
    ? `last run ${STATUS_EMOJI[last.status]} ${last.status} ${formatElapsed(last.startedAt, now)} ago${
        last.conclusion ? `: ${escapeText(truncateText(last.conclusion.summary, 120))}` : ''
      }`
    : 'never run';
  return `*${escapeText(definition.name)}* \`${definition.id}\` v${version} · ${definition.status} · ${steps} ${unit} · ${lastRun}`;
}

/** Pure: the app's Home tab: the runbook library with each one's last run, then the recent runs. */
export function renderHomeView(
  runbooks: ReadonlyArray<{ readonly definition: RunbookDefinition; readonly version: number }>,
  runs: readonly RunRecord[],
  now: Date,
): types.HomeView {
  const lastByRunbook = new Map<string, RunRecord>();
  for (const run of runs) {
    const id = run.runbook?.id;
    if (id && !lastByRunbook.has(id)) lastByRunbook.set(id, run);
  }
  const blocks: KnownBlock[] = [header('Runbooks')];
  const shown = runbooks.slice(0, MAX_RUNBOOKS);
  for (let i = 0; i < shown.length; i += 10) {
    const lines = shown
      .slice(i, i + 10)
      .map(
        ({ definition, version }) =>
          `• ${runbookLine(definition, version, lastByRunbook.get(definition.id), now)}`,
      );
    blocks.push(section(lines.join('\n')));
  }
  if (runbooks.length === 0) blocks.push(section('No runbooks are loaded.'));
  if (runbooks.length > MAX_RUNBOOKS)
    blocks.push(context(`…and ${runbooks.length - MAX_RUNBOOKS} more: \`/runbook list\``));
  blocks.push({ type: 'divider' }, header('Recent runs'));
  if (runs.length === 0) blocks.push(section('No runs yet. Try `/runbook investigate <service>`.'));
  for (const run of runs.slice(0, MAX_RUNS)) {
    const what =
      run.kind === 'investigation'
        ? `Investigation of ${run.target}`
        : `Runbook ${run.runbook?.id ?? run.target}`;
    const outcome = run.conclusion ? ` · ${escapeText(truncateText(run.conclusion.summary, 200))}` : '';
    blocks.push(
      section(
        `${STATUS_EMOJI[run.status]} *${escapeText(what)}* · ${run.status} · ${formatElapsed(run.startedAt, run.finishedAt ? new Date(run.finishedAt) : now)}${outcome}\n\`${run.id}\` · ${run.origin.source}${run.origin.channel ? ` <#${run.origin.channel}>` : ''}`,
      ),
      runButtons(run),
    );
  }
  return { type: 'home', blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}
