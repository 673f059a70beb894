/**
 * A JSON report read back for `xla diff` or as the baseline of change targets: the file (or standard input) as UTF-8 JSON, checked to
 * be an xla-report/1 report, and validated (zod) only in the fields diff compares. Reports grow
 * by added fields, so unknown keys are accepted and dropped. Every refusal is an InputError
 * naming the file (and line and column for a JSON syntax error): exit 2.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { REPORT_SCHEMA } from '../scorecard/model.js';
import { reportSchema } from '../scorecard/report-schema.js';
import { segmentKey } from '../scorecard/diff.js';
import type { ComparedReport, NamedReport } from '../scorecard/diff.js';
import { decodeDocument, parseDocument, readDocumentBytes, type DocumentKind } from './json-document.js';

const REMAKE_HINT = 'make one with xla score --format json -o FILE (or xla check)';

const REPORT: DocumentKind = { noun: 'report', hint: REMAKE_HINT };

/** What the report is read for, as refusals say it. */
export type ReportUse = 'diff' | 'baseline';

const WANTED: Readonly<Record<ReportUse, string>> = {
  diff: `xla diff compares ${REPORT_SCHEMA} reports`,
  baseline: `a baseline is an ${REPORT_SCHEMA} report`,
};

/** Reads and validates one report; `-` reads `stdin`. */
export async function readReport(path: string, stdin: NodeJS.ReadableStream, use: ReportUse = 'diff'): Promise<NamedReport> {
  const { file, bytes } = await readDocumentBytes(path, stdin, REPORT);
  return { file: path, report: parseReport(decodeDocument(bytes, file, REPORT), file, use) };
}

/** The fields of a result and a target diff uses, taken from the report's own schema (one place for each), unknown keys dropped. */
const resultShape = reportSchema.shape.results.element
  .pick({ metric: true, name: true, unit: true, better: true, segment: true, period: true, value: true, n: true, detail: true })
  .strip();
const targetShape = reportSchema.shape.targets.element
  .pick({
    id: true,
    name: true,
    metric: true,
    segment: true,
    period: true,
    unit: true,
    value: true,
    n: true,
    level: true,
    status: true,
    detail: true,
  })
  .strip();
const comparedShape = z.object({ title: reportSchema.shape.title, results: z.array(resultShape), targets: z.array(targetShape) });

/** Pure: the text of a report as what diff compares, or an InputError saying what was found instead. */
export function parseReport(text: string, file: string, use: ReportUse = 'diff'): ComparedReport {
  const data = parseDocument(text, file, REPORT);
  refuseOtherDocuments(data, file, WANTED[use]);
  const parsed = comparedShape.safeParse(data);
  if (!parsed.success) throw invalidReport(parsed.error.issues, file);
  refuseRepeats(parsed.data.results, 'results', (row) => [row.metric, segmentKey(row.segment), row.period], file);
  refuseRepeats(parsed.data.targets, 'targets', (row) => [row.id, segmentKey(row.segment), row.period], file);
  return parsed.data;
}

/** xla lists each row once; a report that repeats one was edited, and which of the two to compare would be a guess. */
function refuseRepeats<T>(rows: readonly T[], part: string, keyOf: (row: T) => unknown[], file: string): void {
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const key = JSON.stringify(keyOf(row));
    if (seen.has(key)) {
      throw new InputError(
        `${file}: ${part}[${String(i)}] repeats an earlier row's metric or id, segment and period; an xla report lists each once`,
        {
          file,
          hint: REMAKE_HINT,
        },
      );
    }
    seen.add(key);
  });
}

/** Not an object, no `schema`, another version, another kind of document: each says what it is and what diff wants. */
function refuseOtherDocuments(data: unknown, file: string, wanted: string): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError(`${file}: ${describeJsonValue(data)}, not an xla report; ${wanted}`, { file, hint: REMAKE_HINT });
  }
  const schema: unknown = Object.hasOwn(data, 'schema') ? (data as { schema: unknown }).schema : undefined;
  if (schema === REPORT_SCHEMA) return;
  if (typeof schema !== 'string') {
    throw new InputError(`${file}: a JSON object without a "schema" key, not an xla report; ${wanted}`, { file, hint: REMAKE_HINT });
  }
  if (schema.startsWith('xla-report/')) {
    throw new InputError(`${file}: an ${quoteSchema(schema)} report; ${wanted}`, {
      file,
      hint: 're-run the older scorecard with this xla (xla score --format json)',
    });
  }
  throw new InputError(`${file}: a document of schema ${quoteSchema(schema)}, not a scorecard report; ${wanted}`, {
    file,
    hint: REMAKE_HINT,
  });
}

/** The schema as found; a long or odd one is cut, as it is only there to say what the file is. */
function quoteSchema(schema: string): string {
  return schema.length > 40 ? `${schema.slice(0, 40)}…` : schema;
}

function describeJsonValue(data: unknown): string {
  if (Array.isArray(data)) return 'a JSON array';
  if (data === null) return 'JSON null';
  return `a JSON ${typeof data}`;
}

/** The first problem with its place in the report (`results[3].value`), and how many more there are. */
function invalidReport(issues: readonly z.core.$ZodIssue[], file: string): InputError {
  const [first] = issues;
  const path = first === undefined ? '' : formatIssuePath(first.path);
  const more = issues.length > 1 ? ` (and ${String(issues.length - 1)} more)` : '';
  const what = first?.message.replace(/^Invalid input: /, '') ?? 'not valid';
  return new InputError(`${file}: not a valid ${REPORT_SCHEMA} report: ${path === '' ? '' : `${path}: `}${what}${more}`, {
    file,
    hint: REMAKE_HINT,
  });
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${String(part)}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}
