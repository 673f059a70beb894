import { unitFromName, unitFromValues } from './column-units.js';
import type { ColumnUnit } from './column-units.js';
import type { FieldBinding } from './match.js';
import type { FieldId } from './types.js';
import type { PlainDurationUnit } from './units.js';

/** A config source's `units:`, per duration field. */
export type UnitsByField = Partial<Record<FieldId, PlainDurationUnit>>;

export interface UnitEvidence {
  /** The config source's `units:`. */
  configUnits: UnitsByField;
  /** A column's sampled texts, non-empty ones (the first rows of the file). */
  textsOf: (column: number) => readonly string[];
  /** Told once per column whose values could be seconds or milliseconds (kept as seconds). */
  onUnsure: (binding: FieldBinding, median: number) => void;
}

/**
 * Every duration binding with its unit decided (column-units.ts says in which order); other
 * bindings unchanged. `--map`'s unit is on the binding already, so is a preset's or an alias's.
 */
export function settleUnits(bindings: readonly FieldBinding[], evidence: UnitEvidence): FieldBinding[] {
  return bindings.map((binding) => (binding.field.type === 'duration' ? { ...binding, unit: decideUnit(binding, evidence) } : binding));
}

function decideUnit(binding: FieldBinding, evidence: UnitEvidence): ColumnUnit {
  if (binding.unit?.from === 'map') return binding.unit;
  const configured = evidence.configUnits[binding.field.id];
  if (configured !== undefined) return { unit: configured, from: 'config' };
  if (binding.unit !== undefined) return binding.unit;
  const named = unitFromName(binding.columnName);
  if (named !== undefined) return { unit: named, from: 'name' };
  const verdict = unitFromValues(binding.field.id, evidence.textsOf(binding.column));
  if (verdict !== undefined && 'unit' in verdict) return { unit: verdict.unit, from: 'values' };
  if (verdict !== undefined) evidence.onUnsure(binding, verdict.unsure);
  // The field's usual unit (a customer's tenure in months), else seconds.
  return binding.field.plainUnit === undefined ? { unit: 's', from: 'default' } : { unit: binding.field.plainUnit, from: 'field' };
}
