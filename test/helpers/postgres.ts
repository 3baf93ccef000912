import { spawnSync } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  /** postgres://runbook@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Why PostgreSQL tests are skipped on this machine, or undefined when Debian's binaries are there. */
export function postgresSkipReason(): string | undefined {
  const probe = spawnSync(join(BIN, 'initdb'), ['--version'], { encoding: 'utf8' });
  return probe.error ? `${BIN}/initdb is not installed (Debian: apt-get install postgresql-15)` : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port from the OS');
  return address.port;
}

/** initdb refuses to run as root: then every PostgreSQL binary runs as the `postgres` user. */
function asOwner(root: boolean, command: string, args: string[]) {
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(
      `${command} failed (${result.status}): ${result.stderr || result.stdout || result.error}`,
    );
  }
}

function ownerIds(): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
}

/**
 * A throw-away PostgreSQL cluster: initdb in a temp dir, pg_ctl start on a free loopback port,
 * superuser `runbook` with trust authentication. `stop()` stops it and removes the dir.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-pg-'));
  const root = process.getuid?.() === 0;
  const data = join(dir, 'data');
  let started = false;
  const stop = async () => {
    if (started) {
      try {
        asOwner(root, join(BIN, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']);
      } catch (error) {
        process.stderr.write(`postgres helper: ${String(error)}\n`);
      }
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (root) {
      const { uid, gid } = ownerIds();
      await chown(dir, uid, gid);
    }
    asOwner(root, join(BIN, 'initdb'), [
      '-D',
      data,
      '-U',
      'runbook',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=20`;
    started = true;
    asOwner(root, join(BIN, 'pg_ctl'), [
      'start',
      '-D',
      data,
      '-o',
      options,
      '-w',
      '-t',
      '30',
      '-l',
      join(dir, 'log'),
    ]);
    return { url: `postgres://runbook@127.0.0.1:${port}/postgres`, port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
