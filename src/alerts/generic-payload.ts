import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AlertInfo } from '../investigation/types.ts';
import { channelNamed, clip } from './alert-fields.ts';
import type { AlertNotification } from './types.ts';

/** Runbook's own alert format, for anything that can POST JSON (a cron job, a CI pipeline, a script). */
export const GenericPayload = z.strictObject({
  name: z.string().min(1).max(200),
  status: z.enum(['firing', 'resolved']).default('firing'),
  severity: z.string().max(50).optional(),
  labels: z.record(z.string(), z.string()).default({}),
  summary: z.string().optional(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  /** Stable id of this alert; repeats with the same id start one investigation. */
  fingerprint: z.string().min(1).max(200).optional(),
  /** The Slack channel ID to post in (an incident channel). */
  channel: z.string().optional(),
  url: z.url().optional(),
});

type Payload = z.infer<typeof GenericPayload>;

function defaultFingerprint(payload: Payload): string {
  const labels = Object.entries(payload.labels).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([payload.name, labels]))
    .digest('hex')
    .slice(0, 16);
}

export function genericNotification(payload: Payload): AlertNotification {
  const fingerprint = payload.fingerprint ?? defaultFingerprint(payload);
  const summary = clip(payload.summary);
  const alert: AlertInfo = {
    name: payload.name,
    source: 'generic',
    labels: payload.labels,
    ...(payload.severity ? { severity: payload.severity } : {}),
    ...(summary ? { summary } : {}),
    ...(payload.startsAt ? { startsAt: payload.startsAt } : {}),
    fingerprint,
  };
  const channel = channelNamed(
    payload.channel ? { slack_channel: payload.channel } : undefined,
    payload.labels,
  );
  return {
    source: 'generic',
    status: payload.status,
    key: fingerprint,
    alerts: [alert],
    ...(channel ? { channel } : {}),
    ...(payload.url ? { url: payload.url } : {}),
  };
}
