import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SlackArgs } from './slack.ts';

const STRUCTURED_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'files', 'view', 'unfurls']);

/** Web API form bodies: structured fields (blocks, attachments…) arrive JSON-encoded. */
export function decodeForm(raw: string): SlackArgs {
  const args: SlackArgs = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = STRUCTURED_FIELDS.has(key) && /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}
