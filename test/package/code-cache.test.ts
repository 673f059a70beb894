/**
 * bin/code-cache.js: the built binary keeps V8's compiled code of its bundle between runs, in the
 * user's cache folder ($XDG_CACHE_HOME here), and a run with or without it prints the same.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, ROOT, runXla } from '../cli/run-xla.js';

const scratch = mkdtempSync(join(tmpdir(), 'xla-code-cache-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const hasModuleCompileCache = Number(process.versions.node.split('.')[0]) >= 22;
const ARGS = ['score', fixture('survey/responses.csv'), '--format', 'json', '--metrics', 'nps', '-q'];

function cacheFolderOf(cacheHome: string): string {
  return join(cacheHome, 'xla', 'code-cache');
}

describe.skipIf(hasModuleCompileCache)('the code cache on Node 20 (Node 22 keeps its own)', () => {
  it('is written by the first run, read by the next, and changes nothing the run prints', () => {
    const temp = mkdtempSync(join(scratch, 'tmp-'));
    const first = runXla(ARGS, { env: { XDG_CACHE_HOME: temp } });
    expect(first.code, first.stderr).toBe(0);
    const folder = cacheFolderOf(temp);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const files = readdirSync(folder);
    // The entry, the chunks a score run loads, under the command's key; nothing half-written.
    expect(files.some((name) => name.endsWith('-score.xla.js.cache'))).toBe(true);
    expect(files.some((name) => /-score\.start-[\w-]+\.js\.cache$/.test(name))).toBe(true);
    expect(files.filter((name) => !name.endsWith('.cache'))).toEqual([]);
    const written = new Map(files.map((name) => [name, statSync(join(folder, name)).mtimeMs]));

    const second = runXla(ARGS, { env: { XDG_CACHE_HOME: temp } });
    expect(second).toEqual(first);
    // Accepted by V8, so not written again.
    for (const [name, mtime] of written) expect(statSync(join(folder, name)).mtimeMs).toBe(mtime);

    const without = runXla(ARGS, { env: { XDG_CACHE_HOME: mkdtempSync(join(scratch, 'tmp-')), NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(without).toEqual(first);
  });

  it('replaces a cache stamped for another file or Node, and leaves no cache off when told so', () => {
    const temp = mkdtempSync(join(scratch, 'tmp-'));
    runXla(ARGS, { env: { XDG_CACHE_HOME: temp } });
    const folder = cacheFolderOf(temp);
    const entry = readdirSync(folder).find((name) => name.endsWith('-score.xla.js.cache')) ?? '';
    writeFileSync(join(folder, entry), 'v0.0.0 x 1 2 3\ngarbage');
    const again = runXla(ARGS, { env: { XDG_CACHE_HOME: temp } });
    expect(again.code).toBe(0);
    expect(readFileSync(join(folder, entry), 'latin1').startsWith(`${process.version} `)).toBe(true);

    const off = mkdtempSync(join(scratch, 'tmp-'));
    runXla(ARGS, { env: { XDG_CACHE_HOME: off, NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(readdirSync(off)).toEqual([]);
  });

  it('keeps a cache per command, so that another command run first does not leave score its smaller cache', () => {
    const temp = mkdtempSync(join(scratch, 'tmp-'));
    const folder = cacheFolderOf(temp);
    const entryOf = (key: string) => readdirSync(folder).find((name) => name.endsWith(`-${key}.xla.js.cache`));
    // The chunk of the score path (rolldown.config.js): the code a score run compiles most of.
    const startBytesOf = (key: string) =>
      statSync(join(folder, readdirSync(folder).find((name) => name.includes(`-${key}.start-`)) ?? 'none')).size;
    expect(runXla(['--version'], { env: { XDG_CACHE_HOME: temp } }).code).toBe(0);
    const other = entryOf('other') ?? '';
    expect(entryOf('score')).toBeUndefined();
    const score = runXla(ARGS, { env: { XDG_CACHE_HOME: temp } });
    expect(score.code, score.stderr).toBe(0);
    // V8 caches the functions a run compiled: a score run compiles far more of the entry than --version.
    expect(entryOf('score')).toBeDefined();
    expect(startBytesOf('score')).toBeGreaterThan(startBytesOf('other'));
    expect(entryOf('other')).toBe(other);
  });

  it('names the same commands as the CLI registers', () => {
    const listed = /const COMMAND_NAMES = \[([^\]]*)\]/.exec(readFileSync(join(ROOT, 'bin/xla.js'), 'utf8'))?.[1] ?? '';
    const names = [...listed.matchAll(/'([a-z]+)'/g)].map((match) => match[1]);
    const registered = /const COMMANDS\b[\s\S]*?> = \{([\s\S]*?)\n\};/.exec(readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8'))?.[1] ?? '';
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual([...registered.matchAll(/^\s+(\w+):/gm)].map((match) => match[1]));
  });

  it('drops caches of files that are gone, and those an older xla named without a key', () => {
    const temp = mkdtempSync(join(scratch, 'tmp-'));
    runXla(ARGS, { env: { XDG_CACHE_HOME: temp } });
    const folder = cacheFolderOf(temp);
    const entry = readdirSync(folder).find((name) => name.endsWith('-score.xla.js.cache')) ?? '';
    const installation = entry.slice(0, -'score.xla.js.cache'.length);
    const stale = [`${installation}xla.js.cache`, `${installation}score.start-gone.js.cache`];
    for (const name of stale) writeFileSync(join(folder, name), 'stale');
    // Any run that writes a cache tidies the folder: one of another command.
    expect(runXla(['metrics'], { env: { XDG_CACHE_HOME: temp } }).code).toBe(0);
    const left = readdirSync(folder);
    for (const name of stale) expect(left).not.toContain(name);
    expect(left).toContain(entry);
  });

  it('loads a bundle without import(), which a script compiled with a cache cannot run on Node 20', () => {
    const bundle = join(ROOT, 'dist/bundle');
    const calls = readdirSync(bundle)
      .filter((name) => name.endsWith('.js'))
      .flatMap((name) =>
        readFileSync(join(bundle, name), 'utf8')
          .split('\n')
          .map((line, index) => ({ at: `${name}:${index + 1}`, line })),
      )
      // JSDoc type references (`@typedef { import("./x.js").X }`) are comments.
      .filter(({ line }) => /\bimport\(/.test(line) && !/^\s*\*/.test(line));
    expect(calls).toEqual([]);
  });

  it('writes an output file from a run that used the cache', () => {
    const temp = mkdtempSync(join(scratch, 'tmp-'));
    const out = join(temp, 'report.json');
    for (let run = 0; run < 2; run += 1) {
      const written = runXla([...ARGS, '-o', out], { env: { XDG_CACHE_HOME: temp } });
      expect(written.code, written.stderr).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ schema: 'xla-report/1' });
      rmSync(out);
    }
  });

  it('leaves the temporary folder as it found it', () => {
    const temp = mkdtempSync(join(scratch, 'tmp-'));
    const run = runXla(ARGS, { env: { TMPDIR: temp, XDG_CACHE_HOME: mkdtempSync(join(scratch, 'cache-')) } });
    expect(run.code).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
  });

  it("keeps the newest 32 caches of other installations, never this one's", () => {
    const temp = mkdtempSync(join(scratch, 'cache-'));
    const folder = cacheFolderOf(temp);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // 40 caches of installations that are gone, the first the oldest, and a file that is not a cache.
    const others = Array.from({ length: 40 }, (_, i) => `1-${1000 + i}-xla.js.cache`);
    others.forEach((name, i) => {
      writeFileSync(join(folder, name), 'stale');
      utimesSync(join(folder, name), 1_000_000 + i, 1_000_000 + i);
    });
    writeFileSync(join(folder, 'notes.txt'), 'kept');
    const run = runXla(ARGS, { env: { XDG_CACHE_HOME: temp } });
    expect(run.code).toBe(0);
    const left = readdirSync(folder);
    expect(left.filter((name) => others.includes(name)).sort()).toEqual(others.slice(8).sort());
    expect(left).toContain('notes.txt');
    // This installation's own caches were written besides.
    expect(left.filter((name) => !others.includes(name) && name.endsWith('.cache')).length).toBeGreaterThan(0);
  });

  it('does not use a folder others may write to', () => {
    const temp = mkdtempSync(join(scratch, 'tmp-'));
    const folder = cacheFolderOf(temp);
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o777);
    const run = runXla(ARGS, { env: { XDG_CACHE_HOME: temp } });
    expect(run.code).toBe(0);
    expect(readdirSync(folder)).toEqual([]);
  });
});
