/**
 * Property tests over the whole `score` command: random and mutated CSV and JSON never make xla
 * throw an unhandled error (exit 3) or print a stack trace; they score (exit 0) or are refused
 * with a message (exit 2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fixture } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const dir = scratchDir('xla-fuzz-');
let counter = 0;

async function scoreBytes(
  content: string | Uint8Array,
  extension: string,
  extraArgs: readonly string[] = [],
): Promise<{ code: number; stderr: string }> {
  const file = join(dir, `input-${counter++}.${extension}`);
  writeFileSync(file, content);
  let stderr = '';
  const stdout = new PassThrough();
  const errors = new PassThrough();
  stdout.resume();
  errors.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await main(['score', file, '-f', 'json', ...extraArgs], {
    stdin: Readable.from(['']),
    stdout,
    stderr: errors,
    env: {},
    cwd: dir,
  });
  return { code, stderr };
}

function expectHandled({ code, stderr }: { code: number; stderr: string }): void {
  expect([0, 2]).toContain(code);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain('internal error');
}

const FIELD_NAMES = [
  'nps',
  'csat',
  'ces',
  'rating',
  'created_at',
  'resolved_at',
  'priority',
  'made_sla',
  'date',
  'sessions',
  'converted',
  'response_time',
  'Team',
  'x',
];
const cell = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    '10',
    '-1',
    '4,5',
    '1 234',
    '"',
    '""',
    ',',
    ';',
    '\n',
    '\r\n',
    '?',
    'NaN',
    'null',
    '2024-13-45',
    '31/02/2024 10:00',
    '29.02.2024',
    '1e309',
    '¹²',
    '٣',
    '\u0000',
    'true',
    'OVERDUE',
  ),
  fc.integer({ min: -20, max: 2_000_000_000_000 }).map(String),
);

function toCsv(rows: readonly (readonly string[])[], delimiter: string): string {
  return rows
    .map((row) => row.map((value) => (/[",;\t|\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(delimiter))
    .join('\n');
}

describe('score never crashes on random input', () => {
  it('random tables with real field names, any delimiter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...FIELD_NAMES), { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { maxLength: 12 }),
        fc.constantFrom(',', ';', '\t', '|'),
        async (header, rows, delimiter) => expectHandled(await scoreBytes(toCsv([header, ...rows], delimiter), 'csv')),
      ),
      { numRuns: 120 },
    );
  });

  it('raw random text and bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 })), async (content) =>
        expectHandled(await scoreBytes(content, 'csv')),
      ),
      { numRuns: 120 },
    );
  });

  it('mutations of a real fixture: a byte changed, a slice cut out, the file truncated', async () => {
    const original = readFileSync(fixture('survey/responses.csv'));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: original.length - 1 }),
        fc.nat({ max: 255 }),
        fc.nat({ max: 40 }),
        fc.boolean(),
        async (at, byte, cut, truncate) => {
          const mutated = Buffer.from(original);
          mutated[at] = byte;
          const bytes = truncate
            ? mutated.subarray(0, at)
            : Buffer.concat([mutated.subarray(0, at), mutated.subarray(Math.min(mutated.length, at + cut))]);
          expectHandled(await scoreBytes(bytes, 'csv'));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('random JSON documents and NDJSON lines', async () => {
    const record = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES, '__proto__', 'constructor'), fc.string()), fc.jsonValue(), {
      maxKeys: 6,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(record, { maxLength: 8 }).map((rows) => JSON.stringify(rows)),
          fc.json(),
        ),
        async (text) => expectHandled(await scoreBytes(text, 'json')),
      ),
      { numRuns: 120 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 8 }), async (rows) =>
        expectHandled(await scoreBytes(rows.map((row) => JSON.stringify(row)).join('\n'), 'ndjson')),
      ),
      { numRuns: 60 },
    );
  });
});
