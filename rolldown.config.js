// The `xla` binary's code as two files and a few lazily loaded chunks (dist/bundle/), made from
// tsc's output in dist/. Node then loads a few modules instead of ~120 plus their dependencies'
// own, in the main thread and in every worker thread (bench/RESULTS.md, "Bundle and code cache"). dist/ itself stays the library's entry (package.json "main").
//
// CommonJS, not ES modules: Node 20 can only keep V8's compiled code between runs for scripts it
// compiles through node:vm, which bin/code-cache.js does for CommonJS (ES modules have no such
// door before Node 22's module.enableCompileCache). A package.json of its own makes the .js files
// of dist/bundle/ CommonJS, so that the worker script keeps its name (run/parallel-jobs.ts).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig } from 'rolldown';

/**
 * The modules of dist/ a `score` or `check` run loads (what cli/main.js and cli/score-command.js
 * import, statically, all the way down): one chunk, read in one go at start-up, instead of the
 * dozens of small chunks the lazy imports of the other commands and formats would otherwise cut
 * them into (each a file to read and a script to compile; bench/RESULTS.md, "Start-up").
 */
function staticClosure(entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [statement, specifier] of code.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
      if (!/^(?:import|export)\s+type\s/.test(statement)) visit(resolve(dirname(file), specifier));
    }
  };
  entries.forEach(visit);
  return seen;
}
const startModules = staticClosure(['dist/cli/main.js', 'dist/cli/score-command.js'].map((file) => resolve(file)));

export default defineConfig({
  input: { xla: 'dist/cli/main.js', 'score-worker': 'dist/run/score-worker.js' },
  platform: 'node',
  // A native engine, optional, loaded only by `--engine duckdb` (io/duckdb.ts): never bundled.
  external: [/^@duckdb\//],
  // run/parallel-jobs.ts finds the worker at ./score-worker.js next to itself, and package-version.ts
  // the manifest at ../../package.json: both hold for dist/bundle/ as for dist/.
  // cleanDir: chunk names carry a hash, so a build without it would leave every earlier build's chunks behind.
  output: {
    dir: 'dist/bundle',
    cleanDir: true,
    format: 'cjs',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
    // Non-ASCII text (comments, aliases) made each chunk a two-byte string, slower to read and to
    // parse at every start (bench/RESULTS.md, "An ASCII bundle without comments"); the source maps keep the sources.
    charset: 'ascii',
    codeSplitting: { groups: [{ name: 'start', test: (id) => startModules.has(id) }] },
    comments: false,
  },
  plugins: [
    {
      // commander requires node:child_process at load (with node:net and node:dgram behind it, ~10M
      // instructions of every start) only to spawn executable subcommands, which xla has none of:
      // it is required when one would be spawned. A commander that no longer reads it so fails the build.
      name: 'commander-child-process-on-use',
      transform: {
        filter: { id: /commander[\\/]lib[\\/]command\.js$/ },
        handler(code) {
          const eager = "const childProcess = require('node:child_process');";
          if (!code.includes(eager)) throw new Error(`commander's ${eager} not found: update rolldown.config.js`);
          // One line for one line: the lines of the source map stay right (map: null says so).
          return {
            code: code.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"),
            map: null,
          };
        },
      },
    },
    {
      name: 'commonjs-package',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "commonjs" }\n' });
      },
    },
  ],
});
