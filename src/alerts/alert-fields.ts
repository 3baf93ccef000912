/** Label or annotation that names an incident channel for the alert. */
const CHANNEL_FIELD = 'slack_channel';
const CHANNEL_PATTERN = /^[CG][A-Z0-9]{2,}$|^#[a-z0-9._-]{1,80}$/;

/** The incident channel an alert names, when it is a well-formed Slack channel. */
export function channelNamed(...sources: Array<Record<string, string> | undefined>): string | undefined {
  for (const source of sources) {
    const value = source && Object.hasOwn(source, CHANNEL_FIELD) ? source[CHANNEL_FIELD]?.trim() : undefined;
    if (value && CHANNEL_PATTERN.test(value)) return value;
  }
  return undefined;
}

/** `env:prod,service:api` or `["env:prod", …]` → `{env: 'prod', service: 'api'}` (a bare tag maps to ''). */
export function tagsToLabels(tags: string | readonly string[] | undefined): Record<string, string> {
  const list = typeof tags === 'string' ? tags.split(',') : (tags ?? []);
  const labels: Record<string, string> = {};
  for (const raw of list) {
    const tag = raw.trim();
    if (tag === '') continue;
    const colon = tag.indexOf(':');
    if (colon === -1) labels[tag] = '';
    else labels[tag.slice(0, colon)] = tag.slice(colon + 1);
  }
  return labels;
}

/** Bounded text from a sender: alert text is data, and it should not fill a Slack message. */
export function clip(text: string | undefined, max = 500): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed || undefined;
}
