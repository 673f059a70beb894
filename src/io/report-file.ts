/**
 * Reading a JSON report that xla wrote before: the baseline of change targets (`--baseline`,
 * config `baseline:`). Only what the comparison uses is checked; a report grows by added fields,
 * so unknown keys are fine, but a report of another schema version is refused, never half-read.
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { REPORT_SCHEMA } from '../scorecard/model.js';
import type { BaselineReport } from '../scorecard/baseline.js';
import { describeFsError } from './byte-source.js';
import { locateOffset } from './text-position.js';

const detail = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
const segment = z.record(z.string(), z.string());
const side = {
  metric: z.string(),
  segment,
  value: z.number().nullable(),
  n: z.number().nonnegative(),
  detail: detail.optional(),
};
const reportShape = z.looseObject({
  schema: z.string(),
  targets: z.array(z.looseObject({ id: z.string(), ...side })),
  results: z.array(z.looseObject({ ...side, period: z.string().nullable() })),
});

/** The baseline report at `path`; an InputError (exit 2) naming the file for anything else. */
export async function readBaselineReport(path: string): Promise<BaselineReport> {
  const text = await readReportText(path);
  const json = parseJson(text, path);
  const schema = typeof json === 'object' && json !== null && 'schema' in json ? json.schema : undefined;
  if (schema !== REPORT_SCHEMA) {
    const found = typeof schema === 'string' ? `an ${schema} report` : 'not an xla JSON report (no "schema" key)';
    throw new InputError(`${path}: ${found}; a baseline must be an ${REPORT_SCHEMA} report`, {
      file: path,
      hint: 'write one with this xla: xla check … --format json -o baseline.json',
    });
  }
  const parsed = reportShape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : issue.path.map(String).join('.');
    throw new InputError(`${path}: not a valid ${REPORT_SCHEMA} report (${where}: ${issue?.message ?? 'invalid'})`, { file: path });
  }
  return { name: path, targets: parsed.data.targets, results: parsed.data.results };
}

async function readReportText(path: string): Promise<string> {
  try {
    if ((await stat(path)).isDirectory()) throw new InputError(`${path}: cannot read the baseline report (it is a folder)`, { file: path });
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: cannot read the baseline report (${describeFsError(error)})`, { file: path });
  }
}

/** JSON.parse, with the line and column of a syntax error (V8 gives the offset as "position N"). */
function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(message)?.[1];
    const at = offset === undefined ? undefined : locateOffset(text, Number(offset));
    throw new InputError(`not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, {
      file: path,
      ...(at === undefined ? {} : { line: at.line, column: at.column }),
    });
  }
}
