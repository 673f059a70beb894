#!/usr/bin/env node
// The `xla` command: the only place that sets the process exit code.
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { requireWithCodeCache } from './code-cache.js';

// Before any row is allocated: V8's allocation-site pretenuring, once it sees rows survive a few
// scavenges, allocates every later row in old space, where young cells they point to are kept
// alive until a full GC: on two threads that tripled the main thread's GC time and added to the
// peak RSS (bench/RESULTS.md, "V8 flags").
setFlagsFromString('--no-allocation-site-pretenuring');
// Young-generation GCs on this thread alone: a scavenge here is short, and V8's helper tasks for it
// cost more than they save. With two threads scoring on two cores the helpers also took
// the cores from them (bench/RESULTS.md, "V8 flags").
// Safe to set now, unlike --single-threaded-gc, which crashes V8 once the heap is set up.
setFlagsFromString('--no-parallel-scavenge');
const bundle = requireWithCodeCache(fileURLToPath(new URL('../dist/bundle/xla.js', import.meta.url)));
const { main } = bundle.exports;

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
bundle.save();
