/**
 * Where notify and escalate post: the Slack app implements it (per-channel post queue); tests use
 * a recording one. `channel` undefined means the app's default channel.
 */
export interface Notifier {
  post(channel: string | undefined, text: string): Promise<void>;
}
