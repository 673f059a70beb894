#!/usr/bin/env node
// The `xla` command: the only place that sets the process exit code.
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { requireWithCodeCache } from './code-cache.js';

// Two V8 flags for the run (below). V8 refuses a code cache made under other flags, and Node's own
// modules carry caches made under the defaults: so the flags are set once the bundle is loaded,
// put back to the defaults around each later compile (a chunk loaded mid-run) and before the caches
// are saved. Set first, they had Node compile every built-in module a run loads from source
// (~18M instructions of a small run; bench/RESULTS.md, "Start-up").
//
// Before any row is allocated: V8's allocation-site pretenuring, once it sees rows survive a few
// scavenges, allocates every later row in old space, where young cells they point to are kept
// alive until a full GC: on two threads that tripled the main thread's GC time and added to the
// peak RSS (bench/RESULTS.md, "V8 flags").
// Young-generation GCs on this thread alone: a scavenge here is short, and V8's helper tasks for it
// cost more than they save. With two threads scoring on two cores the helpers also took
// the cores from them (bench/RESULTS.md, "V8 flags").
// Safe to switch at any time, unlike --single-threaded-gc, which crashes V8 once the heap is set up.
const RUN_FLAGS = ['allocation-site-pretenuring', 'parallel-scavenge'];
let runFlagsSet = false;
function setRunFlags(set) {
  for (const flag of RUN_FLAGS) setFlagsFromString(set ? `--no-${flag}` : `--${flag}`);
  runFlagsSet = set;
}
function withDefaultFlags(compile) {
  if (!runFlagsSet) return compile();
  setRunFlags(false);
  try {
    return compile();
  } finally {
    setRunFlags(true);
  }
}

// One set of caches per command: V8 caches the functions a run compiled, so a cache made by
// `xla --version` would leave a later score run compiling its own code again from source, until the
// bundle changed (bench/RESULTS.md, "Start-up"). The names of src/cli/main.ts's COMMANDS, found as
// it finds them (the first word that is no option); a test holds the two lists equal.
const COMMAND_NAMES = ['score', 'check', 'merge', 'metrics', 'inspect', 'schema', 'diff', 'sql', 'init', 'completion'];
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const cacheKey = COMMAND_NAMES.includes(command) ? command : 'other';

const bundle = requireWithCodeCache(fileURLToPath(new URL('../dist/bundle/xla.js', import.meta.url)), {
  compiling: withDefaultFlags,
  key: cacheKey,
});
const { main } = bundle.exports;
setRunFlags(true);

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
setRunFlags(false);
bundle.save();
