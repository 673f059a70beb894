#!/usr/bin/env node
/**
 * The floor of the benchmark: `node bench/floor.js FILE` streams FILE through csv-parse (the
 * parser xla depends on) with default options — records as arrays of strings, no casting —
 * counts the records and their fields and prints both counts (the header line is a record).
 *
 * No scorer on Node can read the same CSV with the same parser faster than this, so the
 * benchmark reports every contender as a multiple of it. Records are taken from 'data' events,
 * the cheapest way out of an object-mode stream: a `for await` loop costs an extra promise a
 * record (10–20% more time here), which xla itself avoids by taking records in batches.
 */
import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/floor.js FILE');
  process.exit(2);
}

let records = 0;
let fields = 0;
const parser = createReadStream(file).pipe(parse());
// Touching each record (its length) is as little as a consumer can do with it.
parser.on('data', (record) => {
  records += 1;
  fields += record.length;
});
await finished(parser);
console.log(`${records} records, ${fields} fields`);
