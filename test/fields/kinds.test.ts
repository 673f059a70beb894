// A kind is declared once (src/fields/kinds/); everything that lists kinds or fields is derived
// from the declarations. These checks fail when a derived list drifts from them or a declaration
// contradicts itself.
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';
import {
  DERIVED_VALUES,
  EVENT_LOGS,
  FIELDS,
  fieldsForKind,
  MAP_EXAMPLES,
  ORDERED_STAMPS,
  PERIOD_FIELDS,
} from '../../src/fields/catalog.js';
import { KIND_DECLARATIONS } from '../../src/fields/kinds/index.js';
import { matchFields } from '../../src/fields/match.js';
import { createRowBuilder } from '../../src/fields/row-builder.js';
import { DEFAULT_SCALES, KINDS } from '../../src/fields/types.js';
import { PRESETS } from '../../src/io/presets/registry.js';
import { reportJsonSchema } from '../../src/scorecard/report-schema.js';

const idsOf = (fields: readonly { id: string }[]): string[] => fields.map((field) => field.id);

/** Every `enum` array anywhere in a JSON Schema document. */
function enumsIn(node: unknown): unknown[][] {
  if (Array.isArray(node)) return node.flatMap(enumsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'enum' && Array.isArray(value) ? [value] : enumsIn(value)));
}

describe('kind declarations', () => {
  it('name each kind once, in the order KINDS lists them', () => {
    expect(KINDS).toEqual(['survey', 'tickets', 'analytics', 'customers']);
    expect(KIND_DECLARATIONS.map((declaration) => declaration.kind)).toEqual(KINDS);
  });

  it('declare a field listed by several kinds once: one object per id', () => {
    const declared = new Map<string, Set<object>>();
    for (const declaration of KIND_DECLARATIONS) {
      for (const field of declaration.fields) declared.set(field.id, (declared.get(field.id) ?? new Set()).add(field));
    }
    expect([...declared].filter(([, objects]) => objects.size > 1).map(([id]) => id)).toEqual([]);
    expect(declared.size).toBe(FIELDS.length);
  });

  it('give each field of FIELDS exactly the kinds whose declarations list it', () => {
    for (const field of FIELDS) {
      const listing = KIND_DECLARATIONS.filter((declaration) => declaration.fields.some((own) => own.id === field.id)).map((d) => d.kind);
      expect(field.kinds, field.id).toEqual(listing);
    }
    expect(FIELDS.find((field) => field.id === 'lost_time')?.kinds).toEqual(['survey', 'tickets']);
  });

  it('keep FIELDS in declaration order, so a kind matches its fields in the order it declares them', () => {
    for (const declaration of KIND_DECLARATIONS)
      expect(idsOf(fieldsForKind(declaration.kind)), declaration.kind).toEqual(idsOf(declaration.fields));
    expect(idsOf(FIELDS).slice(0, 3)).toEqual(['submitted_at', 'respondent_id', 'ticket_id']);
  });

  it('carry every property of a declared field into FIELDS unchanged', () => {
    const nps = FIELDS.find((field) => field.id === 'nps');
    expect(nps).toMatchObject({ id: 'nps', kinds: ['survey', 'tickets'], type: 'int', range: [0, 10], integer: true });
    expect(nps?.aliases[0]).toBe('nps');
    const responseTime = FIELDS.find((field) => field.id === 'response_time');
    expect(responseTime?.aliases).toContainEqual({ name: 'latency ms', plainUnit: 'ms' });
  });

  it('date each kind by timestamp fields of its own', () => {
    for (const kind of KINDS) {
      expect(PERIOD_FIELDS[kind].length, kind).toBeGreaterThan(0);
      for (const id of PERIOD_FIELDS[kind])
        expect(fieldsForKind(kind).find((field) => field.id === id)?.type, `${kind}.${id}`).toBe('timestamp');
    }
    expect(PERIOD_FIELDS.analytics).toEqual(['date', 'timestamp']);
  });

  it('key an event log by a field of the kind; only tickets are read as event logs', () => {
    expect(KINDS.filter((kind) => EVENT_LOGS[kind] !== undefined)).toEqual(['tickets']);
    for (const kind of KINDS) {
      const eventLog = EVENT_LOGS[kind];
      if (eventLog === undefined) continue;
      expect(idsOf(fieldsForKind(kind))).toContain(eventLog.key);
      expect(eventLog.updateColumns.length).toBeGreaterThan(0);
    }
  });

  it('derive values from fields of the same kind, under ids no field has', () => {
    expect(DERIVED_VALUES.map((derived) => derived.id)).toEqual(['is_resolved', 'failed']);
    const fieldIds = new Set(idsOf(FIELDS));
    for (const declaration of KIND_DECLARATIONS) {
      for (const [id, derived] of Object.entries(declaration.derived)) {
        expect(fieldIds.has(id), id).toBe(false);
        for (const from of derived.from) expect(idsOf(declaration.fields), `${id} from ${from}`).toContain(from);
      }
    }
  });

  it('order stamps of the same kind, and give yes/no words only to booleans', () => {
    expect(ORDERED_STAMPS).toEqual([
      ['created_at', 'first_response_at'],
      ['created_at', 'resolved_at'],
      // customers (issue 21)
      ['start_date', 'end_date'],
      ['start_date', 'first_value_at'],
    ]);
    for (const declaration of KIND_DECLARATIONS) {
      const timestamps = declaration.fields.filter((field) => field.type === 'timestamp').map((field) => field.id);
      for (const pair of declaration.orderedStamps ?? [])
        for (const id of pair) expect(timestamps, `${declaration.kind}: ${id}`).toContain(id);
    }
    expect(FIELDS.filter((field) => field.boolWords !== undefined).map((field) => [field.id, field.type])).toEqual([
      ['made_sla', 'bool'],
      ['task_success', 'bool'],
      ['churned', 'bool'],
    ]);
  });

  it('give xla init a map example naming a field of the kind', () => {
    for (const kind of KINDS) expect(idsOf(fieldsForKind(kind)), kind).toContain(MAP_EXAMPLES[kind].field);
  });
});

describe('is_resolved, derived from the bound ticket fields', () => {
  const resolvedOf = (columns: string[], cells: string[]): unknown => {
    const bindings = matchFields(columns, 'tickets', 'tickets.csv');
    const build = createRowBuilder(bindings, columns.length, { tz: 'UTC', scales: DEFAULT_SCALES });
    const { row } = build(cells);
    return row === null ? 'no row' : 'is_resolved' in row ? row.is_resolved : 'not set';
  };

  it('is true with a resolution stamp, false without one when the file has the column', () => {
    expect(resolvedOf(['id', 'created_at', 'resolved_at'], ['1', '2024-01-01', '2024-01-02'])).toBe(true);
    expect(resolvedOf(['id', 'created_at', 'resolved_at'], ['1', '2024-01-01', ''])).toBe(false);
  });

  it('reads the status when there is no stamp; unknown when neither says anything', () => {
    expect(resolvedOf(['id', 'created_at', 'status'], ['1', '2024-01-01', ' Closed '])).toBe(true);
    expect(resolvedOf(['id', 'created_at', 'status'], ['1', '2024-01-01', 'In progress'])).toBe(false);
    expect(resolvedOf(['id', 'created_at', 'status'], ['1', '2024-01-01', ''])).toBeUndefined();
    expect(resolvedOf(['id', 'created_at', 'resolved_at', 'status'], ['1', '2024-01-01', '', ''])).toBe(false);
  });

  it('is not set on rows of a file with neither column', () => {
    expect(resolvedOf(['id', 'created_at'], ['1', '2024-01-01'])).toBe('not set');
  });
});

describe('lists derived from the kinds', () => {
  // An enum naming two kinds or more lists kinds (one kind's name alone may be a metric's: `tickets`).
  it('the config and report JSON Schemas enumerate the kinds as declared, wherever they list them', () => {
    const isKind = (value: unknown): boolean => (KINDS as readonly unknown[]).includes(value);
    const kindEnums = [configJsonSchema(), reportJsonSchema()].map((schema) =>
      enumsIn(schema).filter((values) => values.filter(isKind).length >= 2),
    );
    expect(kindEnums.map((enums) => enums.length)).toEqual([1, 1]);
    for (const enums of kindEnums) expect(enums[0]).toEqual(KINDS);
  });

  it('the config schema offers a scale for exactly the fields whose range is a scale', () => {
    const schema = configJsonSchema() as { properties: { scales: { properties: Record<string, unknown> } } };
    const scaled = new Set(FIELDS.flatMap((field) => (typeof field.range === 'string' ? [field.range] : [])));
    expect(Object.keys(schema.properties.scales.properties).sort()).toEqual([...scaled].sort());
    expect(Object.keys(DEFAULT_SCALES).sort()).toEqual([...scaled].sort());
  });

  it('presets name a declared kind and only fields of that kind', () => {
    for (const preset of PRESETS) {
      expect(KINDS, preset.id).toContain(preset.kind);
      const own = idsOf(fieldsForKind(preset.kind));
      for (const id of [...Object.keys(preset.aliases), ...Object.keys(preset.values ?? {})])
        expect(own, `${preset.id}: ${id}`).toContain(id);
    }
  });
});
