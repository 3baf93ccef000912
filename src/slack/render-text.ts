import type { types } from '@slack/bolt';
import type { HealthStatus, RunStatus } from '../engine/events.ts';
import type { Risk } from '../runbooks/schema.ts';
import { BLOCK_LIMITS, truncateText } from './block-limits.ts';

export type KnownBlock = types.KnownBlock;

/** A message ready for chat.postMessage / chat.update: fallback text plus blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Text from logs, alerts, checks and users is data: `<`, `>` and `&` are escaped so that it can
 * never become a mention (`<!channel>`), a link or a user ping.
 */
export function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateText(text, BLOCK_LIMITS.sectionText) } };
}

export function context(text: string): KnownBlock {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: truncateText(text, BLOCK_LIMITS.contextText) }],
  };
}

export function header(text: string): KnownBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncateText(text, BLOCK_LIMITS.headerText), emoji: true },
  };
}

export function fields(pairs: Array<[string, string]>): KnownBlock {
  return {
    type: 'section',
    fields: pairs.slice(0, BLOCK_LIMITS.fieldsPerSection).map(([label, value]) => ({
      type: 'mrkdwn' as const,
      text: truncateText(`*${label}*\n${value}`, BLOCK_LIMITS.fieldText),
    })),
  };
}

export function fallback(text: string): string {
  return truncateText(text, BLOCK_LIMITS.fallbackText);
}

export const HEALTH_EMOJI: Record<HealthStatus, string> = {
  healthy: ':large_green_circle:',
  warning: ':large_yellow_circle:',
  critical: ':red_circle:',
  unknown: ':white_circle:',
  error: ':warning:',
};

export const STATUS_EMOJI: Record<RunStatus | 'starting', string> = {
  starting: ':hourglass_flowing_sand:',
  running: ':arrows_counterclockwise:',
  paused: ':double_vertical_bar:',
  completed: ':white_check_mark:',
  failed: ':x:',
  cancelled: ':no_entry_sign:',
};

export const RISK_EMOJI: Record<Risk, string> = {
  low: ':large_green_circle: low',
  medium: ':large_orange_circle: medium',
  high: ':red_circle: high',
};

export function percent(confidence: number): string {
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

export function formatValue(value: number | null): string {
  if (value === null) return 'no value';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : String(Number(value.toPrecision(3)));
}

/** `2024-05-01T03:04:05.000Z` → Slack's localised date token, with the ISO text as fallback. */
export function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (Number.isNaN(seconds)) return escapeText(iso);
  return `<!date^${seconds}^{date_short_pretty} {time_secs}|${iso}>`;
}

/** A Slack user id becomes a mention; anything else (an alert source, a CLI user) is shown as text. */
export function actorLabel(actor: string): string {
  const id = actor.startsWith('slack:') ? actor.slice('slack:'.length) : actor;
  return /^[UW][A-Z0-9]{2,}$/.test(id) ? `<@${id}>` : escapeText(actor);
}
