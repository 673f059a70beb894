/** `xla inspect`: how one file is read — format, header, preset, kind, mapping, samples, rejects. */
import { toRejectedValue } from './input-reporter.js';
import { feedingFields } from './score-inputs.js';
import { prepareSource } from './prepare-source.js';
import type { ReadContext, SourceInput } from './prepare-source.js';
import type { Scales } from '../fields/types.js';
import { isMissing } from '../fields/values.js';
import { INSPECT_SCHEMA } from '../scorecard/model.js';
import type { InspectBinding, InspectColumn, InspectRejection, InspectReport } from '../scorecard/model.js';
import type { FitVerdict } from '../fields/value-fit.js';
import { fieldsToTry } from './column-fit.js';
import { addToSusBalance, createSusBalance, reverseCodingNote } from '../metrics/instruments.js';

const FIT_WORDS: Readonly<Record<FitVerdict, InspectBinding['values']>> = { fits: 'fit', misfits: 'do not fit', empty: 'empty' };

/** Distinct sample values shown per column, and rejected rows listed. */
const SAMPLES_PER_COLUMN = 3;
const REJECTIONS_SHOWN = 10;

export async function inspectSource(
  input: SourceInput,
  options: { tz: string; scales: Scales; stdin?: NodeJS.ReadableStream | undefined },
): Promise<InspectReport> {
  const context: ReadContext = { ...options, feedingFields, allowUnmatched: true, noteLabelProblems: true };
  const source = await prepareSource(input, context);
  const { opened, mapping } = source;
  const bindingOf = new Map(mapping.bindings.map((binding) => [binding.column, binding]));
  const kind = source.isKindFound ? mapping.kind : null;
  const tried = fieldsToTry(kind);
  const samples = opened.columns.map(() => new Set<string>());
  const rejections: InspectRejection[] = [];
  let processed = 0;
  let rejected = 0;
  const susBalance = createSusBalance();
  await source.forEachRow((record, outcome) => {
    processed++;
    if (outcome.row !== null) addToSusBalance(susBalance, outcome.row);
    record.cells.forEach((cell, column) => {
      const set = samples[column];
      const text = cell === null || cell === undefined ? '' : String(cell).trim();
      if (set !== undefined && set.size < SAMPLES_PER_COLUMN && !isMissing(text)) set.add(text);
    });
    if (outcome.rejections.length === 0) return;
    rejected++;
    for (const rejection of outcome.rejections) {
      if (rejections.length >= REJECTIONS_SHOWN) break;
      const { line, column, field, value, reason } = toRejectedValue(opened.name, record.line, record.index, rejection);
      rejections.push({ line, column, field, value, reason });
    }
  });
  const columns: InspectColumn[] = opened.columns.map((name, index) => {
    const binding = bindingOf.get(index);
    return {
      index,
      name,
      field: binding?.field.id ?? null,
      format: source.formats.get(index) ?? null,
      samples: [...(samples[index] ?? [])],
      type: source.fits.typeOf(index),
      unit: binding?.unit ?? null,
      binding: binding === undefined ? null : { via: binding.via, values: FIT_WORDS[source.fits.fitOf(binding.field, index).verdict] },
      ...(source.labels.has(index) ? { labels: source.labels.get(index) } : {}),
      couldFeed: tried.filter((field) => source.fits.fitOf(field, index).verdict === 'fits').map((field) => field.id),
    };
  });
  return {
    schema: INSPECT_SCHEMA,
    file: opened.name,
    format: opened.format,
    headerRows: opened.headerRows,
    preset: source.preset === undefined ? null : { id: source.preset.id, name: source.preset.name },
    kind,
    columns,
    rows: source.recordsRead,
    accepted: processed - rejected,
    rejected,
    notes: [
      ...(source.preset?.note === undefined ? [] : [`${source.preset.name}: ${source.preset.note}`]),
      ...opened.notes,
      ...[reverseCodingNote(susBalance)].filter((note) => note !== undefined),
    ],
    rejections,
  };
}
