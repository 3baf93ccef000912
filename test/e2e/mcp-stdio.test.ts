import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { DB_RUNBOOK } from '../fakes/slack-stack.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Session {
  client: Client;
  dir: string;
  protocolErrors: Error[];
  close(): Promise<void>;
}

async function connect(write: boolean): Promise<Session> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-mcp-'));
  const library = join(dir, 'runbooks');
  await mkdir(library);
  await writeFile(join(library, 'db-connections.yaml'), DB_RUNBOOK);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(ROOT, 'bin', 'runbook.js'), 'mcp'],
    cwd: dir,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: dir,
      USER: 'tester',
      RUNBOOK_DATA_DIR: join(dir, 'data'),
      RUNBOOK_RUNBOOKS_DIR: library,
      ...(write ? { RUNBOOK_MCP_WRITE: '1' } : {}),
    },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'runbook-test', version: '1.0.0' });
  const protocolErrors: Error[] = [];
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
  return {
    client,
    dir,
    protocolErrors,
    async close() {
      await client.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

type ToolResult = { content: Array<{ type: string; text: string }>; isError?: boolean };

async function callTool(session: Session, name: string, args: Record<string, unknown> = {}) {
  const result = (await session.client.callTool({ name, arguments: args })) as ToolResult;
  const text = result.content.map((part) => part.text).join('\n');
  return { text, isError: result.isError === true };
}

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

async function auditOf(session: Session) {
  const text = await readFile(join(session.dir, 'data', 'audit.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map(
      (line) => JSON.parse(line) as { type: string; actor: string; data: { tool?: string; ok?: boolean } },
    );
}

describe('runbook mcp (stdio, read-write)', () => {
  let session: Session;
  before(async () => {
    session = await connect(true);
  });
  after(async () => {
    await session.close();
  });

  it('lists its tools and the library as resources', async () => {
    const { tools } = await session.client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), [
      'investigate',
      'run_status',
      'runbook_define',
      'runbook_execute',
      'runbook_list',
      'runbook_template',
      'runbook_versions',
    ]);
    const { resources } = await session.client.listResources();
    assert.deepEqual(
      resources.map((resource) => resource.uri),
      ['runbook://db-connections'],
    );
    const read = await session.client.readResource({ uri: 'runbook://db-connections' });
    const [content] = read.contents;
    assert.ok(content && 'text' in content);
    assert.equal(content.text, DB_RUNBOOK);
  });

  it('hands out a template that defines as a draft, then shows it in the library and its versions', async () => {
    const template = await callTool(session, 'runbook_template', {
      id: 'checkout-errors',
      service: 'checkout',
    });
    assert.equal(template.isError, false);
    const defined = await callTool(session, 'runbook_define', { yaml: template.text });
    assert.equal(defined.isError, false, defined.text);
    assert.equal(json(defined.text)['status'], 'draft');
    await stat(join(session.dir, 'runbooks', 'drafts', 'checkout-errors.yaml'));
    const list = JSON.parse((await callTool(session, 'runbook_list')).text) as Array<{ id: string }>;
    assert.deepEqual(list.map((entry) => entry.id).sort(), ['checkout-errors', 'db-connections']);
    const versions = JSON.parse(
      (await callTool(session, 'runbook_versions', { runbookId: 'checkout-errors' })).text,
    );
    assert.equal(versions.length, 1);
  });

  it('refuses an invalid definition with file:line: field: message', async () => {
    const bad = await callTool(session, 'runbook_define', {
      yaml: 'id: broken\nname: Broken\nstatus: draft\ndiagnostics:\n  - id: x\n    type: prometheus_query\n',
    });
    assert.equal(bad.isError, true);
    assert.match(bad.text, /definition\.yaml:\d+: diagnostics\[0\]/);
    const published = await callTool(session, 'runbook_define', {
      yaml: DB_RUNBOOK.replace('id: db-connections', 'id: db2'),
    });
    assert.equal(published.isError, true);
    assert.match(published.text, /status: draft/);
  });

  it('starts a runbook and reports its status by run id', async () => {
    const started = await callTool(session, 'runbook_execute', {
      runbookId: 'db-connections',
      params: { service: 'payment-service' },
    });
    assert.equal(started.isError, false, started.text);
    const runId = json(started.text)['runId'] as string;
    let status = '';
    for (let attempt = 0; attempt < 100 && status !== 'completed'; attempt += 1) {
      status = json((await callTool(session, 'run_status', { runId })).text)['status'] as string;
      if (status !== 'completed') await sleep(50);
    }
    assert.equal(status, 'completed');
  });

  it('investigates a target and waits for the conclusion', async () => {
    const result = await callTool(session, 'investigate', { target: 'payment-service', waitSeconds: 30 });
    assert.equal(result.isError, false, result.text);
    const run = json(result.text);
    assert.equal(run['status'], 'completed');
    assert.equal(run['kind'], 'investigation');
    assert.ok(typeof run['report'] === 'string');
  });

  it('answers a bad argument with a tool error that names the field', async () => {
    const bad = await callTool(session, 'runbook_execute', { runbookId: 'Not An Id!' });
    assert.equal(bad.isError, true);
    assert.match(bad.text, /runbookId/);
    const missing = await callTool(session, 'run_status', {});
    assert.equal(missing.isError, true);
    assert.match(missing.text, /runId/);
    const unknown = await callTool(session, 'run_status', { runId: 'run-nope' });
    assert.equal(unknown.isError, true);
    assert.match(unknown.text, /run\.not_found/);
  });

  it('audits every tool call as the MCP user, and writes nothing but protocol to stdout', async () => {
    const calls = (await auditOf(session)).filter((record) => record.type === 'mcp.call');
    const tools = new Set(calls.map((record) => record.data.tool));
    for (const tool of [
      'runbook_template',
      'runbook_define',
      'runbook_execute',
      'investigate',
      'run_status',
    ]) {
      assert.ok(tools.has(tool), `${tool} audited`);
    }
    assert.ok(calls.every((record) => record.actor === 'mcp:tester'));
    assert.deepEqual(session.protocolErrors, []);
  });
});

describe('runbook mcp (stdio, read-only by default)', () => {
  it('refuses to define or execute without RUNBOOK_MCP_WRITE, and says how to enable it', async () => {
    const session = await connect(false);
    try {
      const defined = await callTool(session, 'runbook_define', { yaml: 'id: x' });
      assert.equal(defined.isError, true);
      assert.match(defined.text, /RUNBOOK_MCP_WRITE=1/);
      const executed = await callTool(session, 'runbook_execute', { runbookId: 'db-connections' });
      assert.equal(executed.isError, true);
      const list = await callTool(session, 'runbook_list');
      assert.equal(list.isError, false);
      const refused = (await auditOf(session)).filter((r) => r.type === 'mcp.call' && r.data.ok === false);
      assert.equal(refused.length, 2);
    } finally {
      await session.close();
    }
  });
});
