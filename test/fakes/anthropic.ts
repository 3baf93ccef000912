import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, parsed. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model?: string;
    max_tokens?: number;
    system?: Array<{ type: string; text: string; cache_control?: { type: string } }>;
    tools?: Array<{ name: string; cache_control?: { type: string } }>;
    messages: Array<{ role: string; content: unknown }>;
  };
}

export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** What the fake answers to one request: a message, an HTTP error, or a hang (for timeouts). */
export type ScriptedReply =
  | { kind: 'message'; content: ContentBlock[]; stopReason?: 'tool_use' | 'end_turn' }
  | { kind: 'error'; status: number; message: string }
  | { kind: 'hang' };

export type Script = (request: RecordedRequest, turn: number) => ScriptedReply;

export interface FakeAnthropic {
  /** Base URL for the SDK's `baseURL`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A tool call block with a fresh id. */
export function toolUse(name: string, input: Record<string, unknown>): ContentBlock {
  return { type: 'tool_use', id: `toolu_${randomUUID().replaceAll('-', '')}`, name, input };
}

export function reply(...content: ContentBlock[]): ScriptedReply {
  return {
    kind: 'message',
    content,
    stopReason: content.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn',
  };
}

/** Plays `replies` in order, one per request; the last one repeats. */
export function inOrder(...replies: ScriptedReply[]): Script {
  return (_request, turn) => replies[Math.min(turn, replies.length - 1)] as ScriptedReply;
}

/** The tool results of the latest user message of a request, by tool_use_id. */
export function toolResults(
  request: RecordedRequest,
): Array<{ tool_use_id: string; content: string; is_error?: boolean }> {
  const last = request.body.messages.at(-1);
  if (!last || !Array.isArray(last.content)) return [];
  return (
    last.content as Array<{ type: string; tool_use_id: string; content: string; is_error?: boolean }>
  ).filter((block) => block.type === 'tool_result');
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A local Anthropic Messages API (POST /v1/messages) on loopback, speaking the real wire format so
 * the real SDK can be pointed at it with `baseURL`. It records every request and answers from a
 * script: scripted tool-use turns, HTTP errors, or a request that never answers.
 */
export async function startFakeAnthropic(script: Script): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    readJson(request)
      .then((body) => {
        const recorded: RecordedRequest = {
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: body as RecordedRequest['body'],
        };
        requests.push(recorded);
        if (request.method !== 'POST' || !request.url?.startsWith('/v1/messages')) {
          response.writeHead(404, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'not found' } }),
          );
          return;
        }
        const answer = script(recorded, requests.filter((r) => r.path.startsWith('/v1/messages')).length - 1);
        if (answer.kind === 'hang') {
          const release = () => response.destroy();
          hanging.add(release);
          response.on('close', () => hanging.delete(release));
          return;
        }
        if (answer.kind === 'error') {
          response.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': 'req_fake' });
          response.end(
            JSON.stringify({ type: 'error', error: { type: 'api_error', message: answer.message } }),
          );
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_fake' });
        response.end(
          JSON.stringify({
            id: `msg_fake_${requests.length}`,
            type: 'message',
            role: 'assistant',
            model: recorded.body.model ?? 'fake',
            content: answer.content,
            stop_reason: answer.stopReason ?? 'end_turn',
            stop_sequence: null,
            usage: {
              input_tokens: 1200,
              output_tokens: 80,
              cache_creation_input_tokens: requests.length === 1 ? 900 : 0,
              cache_read_input_tokens: requests.length === 1 ? 0 : 900,
            },
          }),
        );
      })
      .catch((error: unknown) => {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: String(error) } }),
        );
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
