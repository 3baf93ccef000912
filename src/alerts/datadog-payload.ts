import { z } from 'zod';
import type { AlertInfo } from '../investigation/types.ts';
import { channelNamed, clip, tagsToLabels } from './alert-fields.ts';
import type { AlertNotification } from './types.ts';

const Text = z.union([z.string(), z.number()]).transform(String);

/**
 * A Datadog monitor notification through the Webhooks integration. The payload is a template the
 * operator writes (README: "Alerts and sweeps"); these are its fields, filled by Datadog's variables.
 */
export const DatadogPayload = z
  .object({
    id: Text.optional(),
    alert_id: Text.optional(),
    aggreg_key: Text.optional(),
    alert_title: z.string().optional(),
    title: z.string().optional(),
    transition: z.string().min(1, 'expected $ALERT_TRANSITION (Triggered, Recovered, …)'),
    priority: z.string().optional(),
    status: z.string().optional(),
    tags: z.union([z.string(), z.array(z.string())]).optional(),
    hostname: z.string().optional(),
    date: Text.optional(),
    link: z.string().optional(),
    body: z.string().optional(),
    slack_channel: z.string().optional(),
  })
  .refine((payload) => Boolean(payload.alert_title || payload.title), {
    message: 'expected alert_title ($ALERT_TITLE) or title ($EVENT_TITLE)',
    path: ['alert_title'],
  })
  .refine((payload) => Boolean(payload.alert_id || payload.aggreg_key || payload.id), {
    message: 'expected alert_id ($ALERT_ID) or aggreg_key ($AGGREG_KEY)',
    path: ['alert_id'],
  });

type Payload = z.infer<typeof DatadogPayload>;

const RESOLVED = new Set(['recovered', 'ok']);

/** `[Triggered on {host:a}] High latency` → `High latency`: the monitor's name is the alert's name. */
function monitorName(payload: Payload): string {
  const title = payload.alert_title || payload.title || 'Datadog monitor';
  return clip(title.replace(/^\[[^\]]*\]\s*/, ''), 200) ?? title;
}

function startedAt(date: string | undefined): string | undefined {
  if (date === undefined || !/^\d{10,13}$/.test(date)) return undefined;
  const ms = date.length === 13 ? Number(date) : Number(date) * 1000;
  return new Date(ms).toISOString();
}

/** Recovered → resolved; Triggered, Re-Triggered, Warn, No Data, Renotify → firing. */
export function datadogNotification(payload: Payload): AlertNotification {
  const labels = tagsToLabels(payload.tags);
  if (payload.hostname && !labels['host']) labels['host'] = payload.hostname;
  const transition = payload.transition.trim().toLowerCase();
  const severity = payload.priority ?? (transition === 'warn' ? 'warning' : undefined);
  const summary = clip(payload.body);
  const start = startedAt(payload.date);
  const alert: AlertInfo = {
    name: monitorName(payload),
    source: 'datadog',
    labels,
    ...(severity ? { severity } : {}),
    ...(summary ? { summary } : {}),
    ...(start ? { startsAt: start } : {}),
    ...(payload.alert_id ? { fingerprint: payload.alert_id } : {}),
  };
  const channel = channelNamed(
    labels,
    payload.slack_channel ? { slack_channel: payload.slack_channel } : undefined,
  );
  return {
    source: 'datadog',
    status: RESOLVED.has(transition) ? 'resolved' : 'firing',
    // One investigation per monitor and group (a multi-alert monitor notifies per host/service).
    key: `${payload.alert_id ?? payload.id ?? ''}:${payload.aggreg_key ?? ''}`,
    alerts: [alert],
    ...(channel ? { channel } : {}),
    ...(payload.link ? { url: payload.link } : {}),
  };
}
