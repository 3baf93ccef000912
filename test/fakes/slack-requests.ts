import { createHmac, randomUUID } from 'node:crypto';
import type { FakeSlack } from './slack.ts';

/** Slack's request signature: `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`). */
export function signSlackRequest(signingSecret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

export interface SignedResponse {
  status: number;
  body: string;
  elapsedMs: number;
}

export interface SendOptions {
  /** Seconds since the epoch to sign with (default now). */
  timestampSeconds?: number;
  /** Sign with this secret instead of the right one. */
  signWith?: string;
  headers?: Record<string, string>;
}

export interface SlackRequester {
  /** `/runbook <text>` from `user` in `channel`; `responseUrl` is where the app's answer lands on the fake. */
  command(
    text: string,
    from?: { user?: string; channel?: string },
    options?: SendOptions,
  ): Promise<SignedResponse & { responseUrl: string }>;
  /** An `event_callback` envelope around `event`; `retryNum` sets x-slack-retry-num. */
  event(
    event: Record<string, unknown> & { ts?: unknown },
    options?: SendOptions & { eventId?: string; retryNum?: number },
  ): Promise<SignedResponse & { eventId: string }>;
  /** A block_actions click on a button of a posted message. */
  click(
    input: {
      actionId: string;
      value: string;
      user: string;
      channel: string;
      messageTs: string;
      threadTs?: string;
    },
    options?: SendOptions,
  ): Promise<SignedResponse & { responseUrl: string }>;
  raw(body: string, contentType: string, options?: SendOptions): Promise<SignedResponse>;
}

/** Sends correctly signed Slack requests (commands, events, interactivity) to the app's /slack/events. */
export function createSlackRequester(input: {
  appUrl: string;
  signingSecret: string;
  slack: FakeSlack;
}): SlackRequester {
  const { slack } = input;
  const endpoint = `${input.appUrl}/slack/events`;

  async function raw(body: string, contentType: string, options: SendOptions = {}): Promise<SignedResponse> {
    const timestamp = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
    const startedAt = performance.now();
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(options.signWith ?? input.signingSecret, timestamp, body),
        ...options.headers,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, body: text, elapsedMs: performance.now() - startedAt };
  }

  return {
    raw,
    async command(text, from = {}, options = {}) {
      const responseUrl = slack.responseUrl();
      const body = new URLSearchParams({
        token: 'verification-token-unused',
        team_id: slack.teamId,
        team_domain: slack.teamDomain,
        channel_id: from.channel ?? 'C0INCIDENT',
        channel_name: 'incidents',
        user_id: from.user ?? 'U0ALICE',
        user_name: 'alice',
        command: '/runbook',
        text,
        api_app_id: 'A0RUNBOOK',
        is_enterprise_install: 'false',
        response_url: responseUrl,
        trigger_id: `${Date.now()}.trigger`,
      }).toString();
      return { ...(await raw(body, 'application/x-www-form-urlencoded', options)), responseUrl };
    },
    async event(event, options = {}) {
      const eventId = options.eventId ?? `Ev${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`;
      const body = JSON.stringify({
        token: 'verification-token-unused',
        team_id: slack.teamId,
        api_app_id: 'A0RUNBOOK',
        event: { event_ts: event.ts, ...event },
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [
          { team_id: slack.teamId, user_id: slack.botUserId, is_bot: true, is_enterprise_install: false },
        ],
        is_ext_shared_channel: false,
      });
      const headers: Record<string, string> = { ...options.headers };
      if (options.retryNum !== undefined) {
        headers['x-slack-retry-num'] = String(options.retryNum);
        headers['x-slack-retry-reason'] = 'http_timeout';
      }
      return { ...(await raw(body, 'application/json', { ...options, headers })), eventId };
    },
    async click(click, options = {}) {
      const responseUrl = slack.responseUrl();
      const payload = {
        type: 'block_actions',
        user: {
          id: click.user,
          username: click.user.toLowerCase(),
          name: click.user.toLowerCase(),
          team_id: slack.teamId,
        },
        api_app_id: 'A0RUNBOOK',
        token: 'verification-token-unused',
        container: {
          type: 'message',
          message_ts: click.messageTs,
          channel_id: click.channel,
          is_ephemeral: false,
          ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
        },
        trigger_id: `${Date.now()}.trigger`,
        team: { id: slack.teamId, domain: slack.teamDomain },
        enterprise: null,
        is_enterprise_install: false,
        channel: { id: click.channel, name: 'incidents' },
        message: {
          type: 'message',
          ts: click.messageTs,
          ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
          bot_id: slack.botId,
          text: 'Approval needed',
        },
        state: { values: {} },
        response_url: responseUrl,
        actions: [
          {
            action_id: click.actionId,
            block_id: `approval:${click.value}`,
            text: { type: 'plain_text', text: click.actionId, emoji: true },
            value: click.value,
            type: 'button',
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return { ...(await raw(body, 'application/x-www-form-urlencoded', options)), responseUrl };
    },
  };
}
