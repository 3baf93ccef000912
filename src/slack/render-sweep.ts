import type { SweepCheck, SweepColor, SweepInfo, SweepReport } from '../scheduler/index.ts';
import { fitBlocks } from './block-limits.ts';
import {
  context,
  escapeText,
  fallback,
  header,
  type SlackMessage,
  section,
  slackDate,
} from './render-text.ts';

const COLOR_EMOJI: Record<SweepColor, string> = {
  green: ':large_green_circle:',
  yellow: ':large_yellow_circle:',
  red: ':red_circle:',
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Pure: one compact message for a whole sweep, a line per runbook. */
export function renderSweepSummary(report: SweepReport): SlackMessage {
  const unhealthy = report.checks.filter((check) => check.color !== 'green').length;
  const lines = report.checks.map(
    (check) =>
      `${COLOR_EMOJI[check.color]} *${escapeText(check.runbookId)}*: ${escapeText(check.summary)} _(${seconds(check.durationMs)})_`,
  );
  const title = `Sweep ${report.sweep}: ${unhealthy === 0 ? 'all healthy' : `${unhealthy} of ${report.checks.length} need attention`}`;
  const trigger = report.trigger === 'schedule' ? 'scheduled' : `run by ${escapeText(report.trigger)}`;
  return {
    text: fallback(`${title}`),
    blocks: fitBlocks([
      header(`${report.overall === 'green' ? '✅' : report.overall === 'yellow' ? '⚠️' : '🚨'} ${title}`),
      section(lines.join('\n')),
      context(
        `${trigger} · ${slackDate(report.finishedAt)}${report.changed ? ' · changed since the last sweep' : ''}`,
      ),
    ]),
  };
}

/** Pure: the thread reply for one runbook that is not healthy. */
export function renderSweepCheckReply(check: SweepCheck): SlackMessage {
  const details = check.details.slice(0, 10).map((line) => `• ${escapeText(line)}`);
  const lines = [
    `${COLOR_EMOJI[check.color]} *${escapeText(check.runbookId)}* (${check.health}): ${escapeText(check.summary)}`,
    ...details,
  ];
  const blocks = [section(lines.join('\n'))];
  if (check.runId) blocks.push(context(`Run \`${check.runId}\` · \`/runbook status ${check.runId}\``));
  return { text: fallback(`${check.runbookId}: ${check.health}`), blocks: fitBlocks(blocks) };
}

/** `/runbook sweeps`. */
export function renderSweepList(sweeps: readonly SweepInfo[]): SlackMessage {
  if (sweeps.length === 0) {
    return {
      text: 'No sweeps are configured.',
      blocks: [
        section(
          'No sweeps are configured: add `sweeps:` to the RUNBOOK_CONFIG file, or a `schedule` trigger to a runbook.',
        ),
      ],
    };
  }
  const lines = sweeps.map((sweep) => {
    const last = sweep.lastRun
      ? `${COLOR_EMOJI[sweep.lastRun.overall]} ${slackDate(sweep.lastRun.at)}`
      : 'never';
    const next = sweep.nextRun ? slackDate(sweep.nextRun) : 'not scheduled';
    return `• *${escapeText(sweep.name)}* \`${escapeText(sweep.cron)}\`${sweep.timezone ? ` ${escapeText(sweep.timezone)}` : ''} · ${sweep.handoff ? 'handoff' : `${sweep.runbooks.length} runbook(s)${sweep.checks.length > 0 ? `, ${sweep.checks.length} check(s)` : ''}`} · ${sweep.mode} · last: ${last} · next: ${next}`;
  });
  return {
    text: fallback(`${sweeps.length} sweep(s)`),
    blocks: fitBlocks([
      section(`*Sweeps*\n${lines.join('\n')}`),
      context('Run one now: `/runbook sweep <name>`'),
    ]),
  };
}
