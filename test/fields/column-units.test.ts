/**
 * The unit of a duration column (column-units.ts, settle-units.ts): from the name, from the values,
 * from `--map …:unit` and the config, in that order of trust. Expected units are read off the
 * names and medians by hand.
 */
import { describe, expect, it } from 'vitest';
import { splitUnitSuffix, unitFromName, unitFromValues } from '../../src/fields/column-units.js';
import { mapSource, parseOverride } from '../../src/fields/match.js';
import type { FieldBinding } from '../../src/fields/match.js';
import { settleUnits } from '../../src/fields/settle-units.js';
import type { UnitsByField } from '../../src/fields/settle-units.js';
import { XlaError } from '../../src/errors.js';

describe('unitFromName', () => {
  it.each([
    ['Latency (ms)', 'ms'],
    ['response_time_ms', 'ms'],
    ['responseTimeMs', 'ms'],
    ['Response time [msec]', 'ms'],
    ['duration millis', 'ms'],
    ['elapsed', 'ms'],
    ['Elapsed', 'ms'],
    ['Load time (s)', 's'],
    ['wait seconds', 's'],
    ['time lost, minutes', 'min'],
    ['Handle time (min)', 'min'],
    ['hours_to_resolve', 'h'],
    ['Time spent (h)', 'h'],
    ['Время ответа, мс', 'ms'],
    ['Время ответа (сек)', 's'],
    ['Потерянное время, минут', 'min'],
    ['Время (ч)', 'h'],
  ])('%s → %s', (name, unit) => {
    expect(unitFromName(name)).toBe(unit);
  });

  it.each([
    'response_time',
    'latency',
    // `min` first is a minimum, not minutes; a lone `s` is no unit.
    'min_latency',
    's',
    // Two units in one name say nothing.
    'hours_minutes',
    'Elapsed time',
  ])('%s says nothing', (name) => {
    expect(unitFromName(name)).toBeUndefined();
  });

  it('a unit in brackets wins over the name around it', () => {
    expect(unitFromName('Elapsed (s)')).toBe('s');
  });
});

describe('unitFromValues (response times only)', () => {
  it('whole numbers with a median of 100 or more are milliseconds', () => {
    // sorted 150 180 230 260 340 | 410 520 700 950 3100: median (340 + 410) / 2 = 375
    expect(unitFromValues('response_time', ['230', '180', '950', '410', '260', '3100', '520', '340', '150', '700'])).toEqual({
      unit: 'ms',
    });
    expect(unitFromValues('response_time', ['100'])).toEqual({ unit: 'ms' });
  });

  it('whole numbers with a median of 10–99 are unsure, below 10 seconds', () => {
    expect(unitFromValues('response_time', ['12', '40', '25', '60', '33'])).toEqual({ unsure: 33 });
    expect(unitFromValues('response_time', ['99', '99', '10000'])).toEqual({ unsure: 99 });
    expect(unitFromValues('response_time', ['1', '2', '9'])).toBeUndefined();
  });

  it('a fraction or a value with its unit says seconds', () => {
    expect(unitFromValues('response_time', ['250', '300', '0.5'])).toBeUndefined();
    expect(unitFromValues('response_time', ['250', '300', '2s'])).toBeUndefined();
  });

  it('other duration fields are never judged by their values', () => {
    expect(unitFromValues('engagement_time', ['5000', '7000'])).toBeUndefined();
    expect(unitFromValues('lost_time', ['5000', '7000'])).toBeUndefined();
  });

  it('an empty sample says nothing', () => {
    expect(unitFromValues('response_time', [])).toBeUndefined();
    expect(unitFromValues('response_time', [' ', ''])).toBeUndefined();
  });
});

describe('splitUnitSuffix and parseOverride', () => {
  it.each([
    ['elapsed:ms', { column: 'elapsed', unit: 'ms' }],
    ['elapsed:MS', { column: 'elapsed', unit: 'ms' }],
    ['Time taken : min', { column: 'Time taken', unit: 'min' }],
    ['Latency (ms):s', { column: 'Latency (ms)', unit: 's' }],
    ['t:h', { column: 't', unit: 'h' }],
  ])('%s → %j', (text, expected) => {
    expect(splitUnitSuffix(text)).toEqual(expected);
  });

  it.each(['Time: total', 'a:b:c', ':ms', 'elapsed', 'elapsed:msec'])('%s keeps its colon: no known unit follows it', (text) => {
    expect(splitUnitSuffix(text)).toEqual({ column: text });
  });

  it('parseOverride keeps the text as written beside the unit', () => {
    expect(parseOverride('response_time', 'elapsed:ms')).toEqual({
      field: 'response_time',
      column: 'elapsed',
      unit: { unit: 'ms', written: 'elapsed:ms' },
    });
    expect(parseOverride('nps', 'Score')).toEqual({ field: 'nps', column: 'Score' });
  });
});

function mapped(columns: readonly string[], maps: readonly [string, string][]): FieldBinding[] {
  return mapSource({
    file: 'log.csv',
    columns,
    kind: 'analytics',
    overrides: maps.map(([field, column]) => parseOverride(field, column)),
    feedingFields: () => new Set(['response_time', 'success', 'status_code']),
  }).bindings;
}

function settled(
  columns: readonly string[],
  texts: Record<number, readonly string[]>,
  options: { maps?: readonly [string, string][]; config?: UnitsByField } = {},
): { units: Record<string, unknown>; unsure: string[] } {
  const unsure: string[] = [];
  const bindings = settleUnits(mapped(columns, options.maps ?? []), {
    configUnits: options.config ?? {},
    textsOf: (column) => texts[column] ?? [],
    onUnsure: (binding, median) => unsure.push(`${binding.columnName} ${median}`),
  });
  return { units: Object.fromEntries(bindings.flatMap((b) => (b.unit === undefined ? [] : [[b.columnName, b.unit]]))), unsure };
}

describe('settleUnits: the order of trust', () => {
  const WHOLE = ['250', '400', '900'];

  it('--map with a unit wins over the config, the name and the values', () => {
    const result = settled(
      ['time', 'Latency (s)'],
      { 1: WHOLE },
      { maps: [['response_time', 'Latency (s):ms']], config: { response_time: 'h' } },
    );
    expect(result.units).toEqual({ 'Latency (s)': { unit: 'ms', from: 'map' } });
  });

  it('the config wins over the name and the values', () => {
    expect(
      settled(['Latency (s)'], { 0: WHOLE }, { maps: [['response_time', 'Latency (s)']], config: { response_time: 'min' } }).units,
    ).toEqual({
      'Latency (s)': { unit: 'min', from: 'config' },
    });
  });

  it('--map without a unit still reads the name (`--map response_time=elapsed` is ms)', () => {
    expect(settled(['elapsed', 'Latency'], {}, { maps: [['response_time', 'elapsed']] }).units).toEqual({
      elapsed: { unit: 'ms', from: 'name' },
    });
  });

  it('the name wins over the values', () => {
    expect(settled(['Response time (s)'], { 0: WHOLE }, { maps: [['response_time', 'Response time (s)']] }).units).toEqual({
      'Response time (s)': { unit: 's', from: 'name' },
    });
  });

  it('the values speak when the name says nothing; unsure values stay seconds and are told once', () => {
    expect(settled(['response_time'], { 0: WHOLE }).units).toEqual({ response_time: { unit: 'ms', from: 'values' } });
    expect(settled(['response_time'], { 0: ['12', '40', '25'] })).toEqual({
      units: { response_time: { unit: 's', from: 'default' } },
      unsure: ['response_time 25'],
    });
  });

  it('fields that are no duration get no unit', () => {
    const bindings = settled(['response_time', 'success'], { 0: ['0.2'] });
    expect(bindings.units).toEqual({ response_time: { unit: 's', from: 'default' } });
  });
});

describe('--map with a unit: the column found, the field checked', () => {
  it('a column whose own name ends in `:ms` is found whole, and takes no unit from it', () => {
    const [binding] = mapped(['Latency:ms'], [['response_time', 'Latency:ms']]);
    expect(binding).toMatchObject({ columnName: 'Latency:ms', unit: undefined });
  });

  it('a unit on a field that is no duration is an error naming the field', () => {
    expect(() => mapped(['Score'], [['nps', 'Score:ms']])).toThrow(XlaError);
    expect(() => mapped(['Score'], [['nps', 'Score:ms']])).toThrow(/nps is not a duration/);
  });
});
