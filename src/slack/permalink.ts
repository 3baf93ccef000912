/**
 * `https://<team>.slack.com/archives/<channel>/p<ts without dot>`, the link Slack itself gives a
 * message; with `thread_ts` when the message is a reply. Pure: no chat.getPermalink round trip.
 */
export function buildPermalink(teamDomain: string, channel: string, ts: string, threadTs?: string): string {
  const base = `https://${teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}
