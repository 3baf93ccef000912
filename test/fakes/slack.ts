import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockKitError } from './slack-block-kit.ts';
import { decodeForm, json, readBody } from './slack-wire.ts';

/** Decoded Web API arguments; the ones the fake and the tests read are named. */
export type SlackArgs = Record<string, unknown> & {
  channel?: unknown;
  ts?: unknown;
  thread_ts?: unknown;
  text?: unknown;
  blocks?: unknown;
  user?: unknown;
  usergroup?: unknown;
  include_users?: unknown;
  message_ts?: unknown;
  files?: unknown;
  token?: unknown;
};

/** What the app posted to a response_url. */
export type ResponseBody = Record<string, unknown> & {
  response_type?: unknown;
  replace_original?: unknown;
  text?: unknown;
  blocks?: unknown;
};

/** One Web API call as the fake received it: method, decoded arguments, bearer token. */
export interface SlackCall {
  method: string;
  args: SlackArgs;
  token: string | undefined;
  atMs: number;
}

/** A message as posted (then updated) through chat.postMessage / chat.update. */
export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  updates: number;
}

export interface FakeUserGroup {
  id: string;
  handle: string;
  users: string[];
}

export interface FakeSlackOptions {
  token?: string;
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  userGroups?: FakeUserGroup[];
  /** Channels the bot is not a member of: posting there answers `not_in_channel`. */
  notInChannel?: string[];
}

export interface FakeSlack {
  /** http://127.0.0.1:port */
  readonly url: string;
  /** What SLACK_API_URL should be: http://127.0.0.1:port/api/ */
  readonly apiUrl: string;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  /** Every Web API call, in the order received. */
  readonly calls: SlackCall[];
  /** What the app posted to response_urls, in order. */
  readonly responses: Array<{ id: string; body: ResponseBody }>;
  readonly messages: Map<string, FakeMessage>;
  callsTo(method: string): SlackCall[];
  /** The next `count` calls of `method` get HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(method: string, count: number, retryAfterSeconds: number): void;
  /** The next `count` calls of `method` answer `{ok: false, error}`. */
  failNext(method: string, error: string, count?: number): void;
  setUserGroups(groups: FakeUserGroup[]): void;
  /** A fresh response_url on this fake. */
  responseUrl(): string;
  /** Resolves with the predicate's first truthy result, polling; rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * A Slack Web API on loopback that speaks the wire format the real client uses: form-urlencoded
 * (or JSON) bodies, `Authorization: Bearer`, `{ok: …}` answers, HTTP 429 with Retry-After.
 */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = options.token ?? 'xoxb-test-token';
  const teamId = options.teamId ?? 'T0TEAM';
  const teamDomain = options.teamDomain ?? 'acme';
  const botUserId = options.botUserId ?? 'U0RUNBOOK';
  const botId = options.botId ?? 'B0RUNBOOK';
  let userGroups = options.userGroups ?? [];
  const notInChannel = new Set(options.notInChannel ?? []);
  const calls: SlackCall[] = [];
  const responses: FakeSlack['responses'] = [];
  const messages = new Map<string, FakeMessage>();
  const rateLimits = new Map<string, { count: number; retryAfterSeconds: number }>();
  const failures = new Map<string, { count: number; error: string }>();
  let tsCounter = 0;
  let responseCounter = 0;
  let uploadCounter = 0;

  const nextTs = () => {
    tsCounter += 1;
    return `${1_700_000_000 + tsCounter}.${String(tsCounter).padStart(6, '0')}`;
  };

  function answer(method: string, args: SlackArgs): Record<string, unknown> {
    const channel = String(args.channel ?? '');
    switch (method) {
      case 'api.test':
        return { ok: true, args };
      case 'auth.test':
        return {
          ok: true,
          url: `https://${teamDomain}.slack.com/`,
          team: 'Acme',
          user: 'runbook',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        };
      case 'chat.postMessage': {
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (notInChannel.has(channel)) return { ok: false, error: 'not_in_channel' };
        if (args.text === undefined && args.blocks === undefined) return { ok: false, error: 'no_text' };
        const invalid = blockKitError(args.blocks);
        if (invalid) return { ok: false, error: invalid };
        const ts = nextTs();
        const message: FakeMessage = { channel, ts, updates: 0 };
        if (typeof args.thread_ts === 'string') message.thread_ts = args.thread_ts;
        if (typeof args.text === 'string') message.text = args.text;
        if (Array.isArray(args.blocks)) message.blocks = args.blocks;
        messages.set(`${channel}:${ts}`, message);
        return {
          ok: true,
          channel,
          ts,
          message: { type: 'message', ts, text: message.text, bot_id: botId, user: botUserId },
        };
      }
      case 'chat.update': {
        const message = messages.get(`${channel}:${String(args.ts)}`);
        if (!message) return { ok: false, error: 'message_not_found' };
        const invalidUpdate = blockKitError(args.blocks);
        if (invalidUpdate) return { ok: false, error: invalidUpdate };
        if (typeof args.text === 'string') message.text = args.text;
        if (Array.isArray(args.blocks)) message.blocks = args.blocks;
        message.updates += 1;
        return { ok: true, channel, ts: message.ts, text: message.text };
      }
      case 'chat.postEphemeral':
        if (notInChannel.has(channel)) return { ok: false, error: 'not_in_channel' };
        return { ok: true, message_ts: nextTs() };
      case 'chat.getPermalink':
        return {
          ok: true,
          channel,
          permalink: `https://${teamDomain}.slack.com/archives/${channel}/p${String(args.message_ts).replace('.', '')}`,
        };
      case 'conversations.info':
        return {
          ok: true,
          channel: {
            id: channel,
            name: `channel-${channel.toLowerCase()}`,
            is_member: !notInChannel.has(channel),
          },
        };
      case 'users.info': {
        const user = String(args.user ?? '');
        return {
          ok: true,
          user: { id: user, name: user.toLowerCase(), real_name: `User ${user}`, tz: 'UTC', is_bot: false },
        };
      }
      case 'usergroups.list':
        return {
          ok: true,
          usergroups: userGroups.map((group) => ({
            id: group.id,
            handle: group.handle,
            name: group.handle,
            ...(String(args.include_users) === 'true' ? { users: group.users } : {}),
          })),
        };
      case 'usergroups.users.list': {
        const group = userGroups.find((g) => g.id === args.usergroup);
        return group ? { ok: true, users: group.users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'apps.connections.open':
        return { ok: false, error: 'not_allowed_token_type' };
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: `V${nextTs().replace('.', '')}` } };
      case 'files.getUploadURLExternal': {
        uploadCounter += 1;
        const fileId = `F${uploadCounter}`;
        return { ok: true, upload_url: `http://127.0.0.1:${port}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (args.files as unknown[] | undefined) ?? [] };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const raw = await readBody(request);
    if (path.startsWith('/response/')) {
      responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw || '{}') as ResponseBody });
      return json(response, 200, { ok: true });
    }
    if (path.startsWith('/upload/')) return json(response, 200, { ok: true });
    if (!path.startsWith('/api/')) return json(response, 404, { ok: false, error: 'not_found' });
    const method = path.slice('/api/'.length);
    const contentType = request.headers['content-type'] ?? '';
    const args = contentType.includes('application/json')
      ? (JSON.parse(raw || '{}') as SlackArgs)
      : decodeForm(raw);
    const bearer =
      /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? (args.token as string | undefined);
    calls.push({ method, args, token: bearer, atMs: Date.now() });
    const limit = rateLimits.get(method);
    if (limit && limit.count > 0) {
      limit.count -= 1;
      return json(
        response,
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(limit.retryAfterSeconds) },
      );
    }
    if (bearer !== token) return json(response, 200, { ok: false, error: 'invalid_auth' });
    const failure = failures.get(method);
    if (failure && failure.count > 0) {
      failure.count -= 1;
      return json(response, 200, { ok: false, error: failure.error });
    }
    return json(response, 200, answer(method, args));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      json(response, 500, { ok: false, error: String(error) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    teamId,
    teamDomain,
    botUserId,
    botId,
    calls,
    responses,
    messages,
    callsTo: (method) => calls.filter((call) => call.method === method),
    rateLimitNext(method, count, retryAfterSeconds) {
      rateLimits.set(method, { count, retryAfterSeconds });
    },
    failNext(method, error, count = 1) {
      failures.set(method, { count, error });
    },
    setUserGroups(groups) {
      userGroups = groups;
    },
    responseUrl() {
      responseCounter += 1;
      return `${url}/response/${responseCounter}`;
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = predicate();
        if (result) return result;
        if (Date.now() > deadline) throw new Error(`fake Slack: condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
