#!/usr/bin/env node
/**
 * The floor of the benchmark: `node bench/floor.js FILE` streams FILE through csv-parse (the
 * parser xla depends on) with default options — records as arrays of strings, no casting —
 * counts the records and prints the count (the header line is one of them).
 *
 * No real scorer on Node can read the same CSV with the same parser faster than this, so the
 * benchmark reports every contender as a multiple of it.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/floor.js FILE');
  process.exit(2);
}

let records = 0;
// eslint-disable-next-line no-unused-vars -- the loop only counts
for await (const _record of createReadStream(file).pipe(parse())) records += 1;
console.log(records);
