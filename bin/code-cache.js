// Loading xla's bundle (dist/bundle/, CommonJS) with V8's code cache, so that a run does not
// compile again what the run before compiled: on a small file, a large part of what xla adds to
// Node's own start-up (bench/RESULTS.md, "Bundle and code cache"). Node 22 does this itself
// (module.enableCompileCache); Node 20 has no such call, only node:vm's `cachedData`.
//
// The caches live in the user's cache folder ($XDG_CACHE_HOME or ~/.cache, ~/Library/Caches on
// macOS, %LOCALAPPDATA% on Windows), under xla/code-cache/: never in the temporary folder, which
// a run must leave as it found it, and never in a folder others may write to (not trusted). One file
// per bundle file and key (the command, bin/xla.js), named after the installation, the key and the file, and stamped with the file's identity
// and Node's version: V8 itself only checks the source's length. NODE_DISABLE_COMPILE_CACHE=1,
// Node's own switch, turns it off.
import Module, { createRequire } from 'node:module';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Requires `file` (a bundle entry); returns its exports and `save`, which writes the caches this run
 * made. `compiling` wraps each compile from a cache: V8 refuses a cache made under other V8 flags,
 * so a caller that changes flags for the run puts the defaults back around it (bin/xla.js). `key`
 * (lower-case letters) keeps runs of different kinds in caches of their own.
 */
export function requireWithCodeCache(file, { compiling = (compile) => compile(), key = 'other' } = {}) {
  const require = createRequire(file);
  const folder = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : openCacheFolder();
  if (folder === undefined) return { exports: require(file), save: () => undefined };
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(join(folder, 'node'));
    return { exports: require(file), save: () => undefined };
  }

  const bundle = dirname(file);
  const root = statSync(dirname(dirname(bundle)));
  const prefix = `${root.dev}-${root.ino}-`;
  const keyed = `${prefix}${key}.`;
  const made = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (dirname(filename) !== bundle) return compile.call(this, content, filename);
    const cacheFile = join(folder, `${keyed}${basename(filename)}.cache`);
    const stamp = stampOf(filename);
    const cachedData = readCache(cacheFile, stamp);
    // No import() can run in such a script (Node 20 has no loader for it): the bundle has none
    // (its own chunks are require()d, test/package/code-cache.test.ts).
    const script = compiling(() => new Script(Module.wrap(content), { filename, cachedData }));
    if (cachedData === undefined || script.cachedDataRejected) made.push({ script, cacheFile, stamp });
    const run = script.runInThisContext();
    return run.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };
  // Left in place for the run: the chunks loaded later (the config's, the JSON readers) use it too.
  return { exports: require(file), save: () => saveCaches(made, folder, prefix, bundle) };
}

/** The user's cache folder for xla's code caches, made if missing; undefined when it cannot be trusted or made. */
function openCacheFolder() {
  const uid = process.getuid?.();
  try {
    const folder = join(userCacheFolder(), 'xla', 'code-cache');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stats = lstatSync(folder);
    if (!stats.isDirectory() || (uid !== undefined && (stats.uid !== uid || (stats.mode & 0o022) !== 0))) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

function userCacheFolder() {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg !== undefined && isAbsolute(xdg)) return xdg;
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return process.env.LOCALAPPDATA;
  return join(homedir(), process.platform === 'darwin' ? 'Library/Caches' : '.cache');
}

/** What a cache was made from: the file as it is now, and the Node that compiled it. */
function stampOf(filename) {
  const stats = statSync(filename);
  return `${process.version} ${process.arch} ${stats.size} ${stats.mtimeMs} ${stats.ino}\n`;
}

function readCache(cacheFile, stamp) {
  try {
    const bytes = readFileSync(cacheFile);
    return bytes.subarray(0, stamp.length).toString('latin1') === stamp ? bytes.subarray(stamp.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Caches of other installations (other clones, other global installs, removed ones) kept at most:
 * the newest OTHER_CACHES_KEPT, so that installations that come and go never fill the folder.
 */
const OTHER_CACHES_KEPT = 32;

function pruneOtherInstallations(folder, names) {
  if (names.length <= OTHER_CACHES_KEPT) return;
  const byAge = names
    .map((name) => ({ name, modified: statSync(join(folder, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.modified - a.modified || (a.name < b.name ? -1 : 1));
  for (const { name } of byAge.slice(OTHER_CACHES_KEPT)) rmSync(join(folder, name), { force: true });
}

/**
 * Writes each new cache whole or not at all (a temporary file renamed over it: runs side by side
 * never read half of one), then drops the caches of this installation's files that are gone
 * (chunk names change with every build; a name without a key is of an older xla) and the oldest
 * caches of other installations past a bound. Failures only cost the next run its cache.
 */
/** The bundle file a cache name (without installation and `.cache`) is of: after its key, `score.xla.js` → `xla.js`. */
function cachedFileOf(keyedName) {
  const match = /^[a-z]+\.(.+)$/.exec(keyedName);
  return match === null ? '' : match[1];
}

function saveCaches(made, folder, prefix, bundle) {
  if (made.length === 0) return;
  try {
    for (const { script, cacheFile, stamp } of made) {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]));
      renameSync(temp, cacheFile);
    }
    const present = new Set(readdirSync(bundle));
    const caches = readdirSync(folder).filter((name) => name.endsWith('.cache'));
    for (const name of caches) {
      if (name.startsWith(prefix) && !present.has(cachedFileOf(name.slice(prefix.length, -'.cache'.length)))) {
        rmSync(join(folder, name), { force: true });
      }
    }
    pruneOtherInstallations(
      folder,
      caches.filter((name) => !name.startsWith(prefix)),
    );
  } catch {
    // A full or read-only temporary folder: the next run compiles as this one did.
  }
}
