/**
 * A throwaway PostgreSQL server for the pushdown tests: Debian's package (installed here when
 * missing and the tests run as root), a fresh cluster in a temporary folder, listening on a
 * loopback port and a socket in that folder only. Run as the `postgres` user when the tests run
 * as root (the server refuses root). `startPostgres` returns why it could not start instead of
 * throwing, so the tests skip with that reason where no server can run.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface Postgres {
  /** Creates a table of text columns named as the CSV header, and loads the file into it. */
  loadCsv: (table: string, file: string) => void;
  /** The rows of a query, as CSV with a header (what `xla score --from-sql` reads). */
  queryCsv: (sql: string) => string;
  stop: () => void;
}

const ROOT_DIR = '/usr/lib/postgresql';

function serverBin(): string | undefined {
  if (!existsSync(ROOT_DIR)) return undefined;
  const versions = readdirSync(ROOT_DIR).filter((version) => existsSync(join(ROOT_DIR, version, 'bin', 'initdb')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(ROOT_DIR, newest, 'bin');
}

const isRoot = (): boolean => process.getuid?.() === 0;

function installIfMissing(): string | undefined {
  const found = serverBin();
  if (found !== undefined || !isRoot()) return found;
  spawnSync('apt-get', ['install', '-y', '-q', 'postgresql'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 300_000,
  });
  return serverBin();
}

function failure(what: string, run: SpawnSyncReturns<string>): string {
  return `${what} failed: ${(run.stderr || run.stdout || String(run.error ?? run.status)).trim().split('\n')[0] ?? ''}`;
}

export function startPostgres(): Postgres | string {
  const bin = installIfMissing();
  if (bin === undefined) return 'PostgreSQL is not installed (apt-get install postgresql, as root) — skipped';
  const dir = mkdtempSync(join(tmpdir(), 'xla-pg-'));
  // The server refuses to run as root: as root, its files and process belong to `postgres`.
  const asServer = (command: string, args: string[]): SpawnSyncReturns<string> => {
    const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    return spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
  };
  if (isRoot()) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) return 'no postgres user to run the server as — skipped';
    chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = join(dir, 'data');
  const init = asServer(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'xla', '-E', 'UTF8', '--no-sync', '--locale=C']);
  if (init.status !== 0) return `${failure('initdb', init)} — skipped`;
  const port = String(20_000 + Math.floor(Math.random() * 30_000));
  const start = asServer(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  if (start.status !== 0) {
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').trim().split('\n').pop() : '';
    rmSync(dir, { recursive: true, force: true });
    return `${failure('pg_ctl start', start)} ${log ?? ''} — skipped`;
  }
  const psql = (args: string[]): string => {
    const run = spawnSync('psql', ['-h', '127.0.0.1', '-p', port, '-U', 'xla', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(failure('psql', run));
    return run.stdout;
  };
  const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
  return {
    loadCsv(table, file) {
      const [header] = parse(readFileSync(file, 'utf8'), { bom: true, to_line: 1 }) as string[][];
      const columns = (header ?? []).map((name) => `${quote(name.trim())} text`).join(', ');
      psql(['-c', `CREATE TABLE ${quote(table)} (${columns})`]);
      psql(['-c', `\\copy ${quote(table)} FROM '${file.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`]);
    },
    queryCsv: (sql) => psql(['-c', `COPY (${sql}) TO STDOUT WITH CSV HEADER`]),
    stop() {
      asServer(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
