// A throwaway PostgreSQL cluster for tests and the benchmark: initdb in a temporary folder,
// started on a free local port, removed by stop(). PostgreSQL refuses to run as root, so under
// root the cluster belongs to the `postgres` system user (Debian's postgresql package makes it).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freeLocalPort } from './ports';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type ThrowawayPostgres = { url: string; port: number; stop(): void };

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL's bin folder (PG_BIN overrides), or undefined. */
export function postgresBin(): string | undefined {
  if (process.env.PG_BIN) return existsSync(path.join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : undefined;
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(PG_ROOT, versions[0], 'bin') : undefined;
}


function systemUserIds(name: string): { uid: number; gid: number } | undefined {
  const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Starts a new cluster. `durable: false` turns off fsync for test speed (the data is thrown away
 * anyway); the benchmark keeps PostgreSQL's durable defaults so the comparison is fair.
 */
export async function startThrowawayPostgres(options: { durable?: boolean } = {}): Promise<ThrowawayPostgres> {
  const bin = postgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin). Install it with `sudo apt-get install -y postgresql` or set PG_BIN to its bin folder.',
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'slant-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUserIds('postgres') : undefined;
  if (asRoot && !owner) throw new Error('Running as root, and there is no `postgres` system user to own the test cluster.');
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  const run = (command: string, args: string[]) => {
    const [file, argv] = owner ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    return execFileSync(file, argv, { stdio: 'pipe', encoding: 'utf8' });
  };
  const port = await freeLocalPort();
  const settings = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-k ${dir}`,
    '-c max_connections=200',
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    run(path.join(bin, 'initdb'), ['-D', data, '-U', 'slant', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
  } catch (error) {
    remove();
    const detail = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Could not start a throwaway PostgreSQL cluster${detail ? `: ${detail}` : ''}`);
  }
  let stopped = false;
  return {
    url: `postgresql://slant@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: removing the folder is all that is left.
      }
      remove();
    },
  };
}

/** The URL of database `name` on the same server as `serverUrl`. */
export function databaseUrlOn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
