/**
 * Every number in an XLA file is finite, in range and meaningful, or the file is refused at its
 * line and path: nothing reads as Infinity or NaN, nothing overflows later in a composite.
 */
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { configErrorOf, yaml } from './helpers.js';

const messageOf = (text: string, file?: string): string => configErrorOf(text, file).message;

/** 400 nines: a plain number that reads as Infinity in double precision. */
const HUGE = '9'.repeat(400);
const SHOWN = `"${HUGE.slice(0, 57)}..."`;

describe('confidence', () => {
  it.each([['1'], ['0.9999999999999999'], ['1e-320'], ['0.4'], ['-0.5'], ['95']])('refuses %s with the range it takes', (level) => {
    expect(messageOf(yaml(`confidence: ${level}`))).toBe(
      `xla.config.yml:1:13: confidence: expected a level from 0.5 to 0.9999 (50% to 99.99%), or 0 for no intervals, got ${String(Number(level))}`,
    );
  });

  it('refuses YAML infinities and NaN', () => {
    expect(messageOf(yaml('confidence: .inf'))).toBe('xla.config.yml:1:13: confidence: expected a number, got Infinity');
    expect(messageOf(yaml('confidence: .nan'))).toBe('xla.config.yml:1:13: confidence: expected a number, got NaN');
    expect(messageOf(yaml('confidence: "95%"'))).toBe('xla.config.yml:1:13: confidence: expected a number, got "95%"');
  });

  it('takes 0, the ends of the range, and the usual levels', () => {
    for (const level of [0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.9999])
      expect(parseConfigText(yaml(`confidence: ${level}`), 'xla.config.yml').confidence).toBe(level);
  });
});

describe('thresholds, floors and durations', () => {
  it('refuses numbers too large to be finite, in every unit', () => {
    const text = yaml(
      'targets:',
      `  - { metric: backlog, target: ">= ${HUGE}" }`,
      `  - { metric: resolution_time.p90, target: "<= ${HUGE}h" }`,
      `  - { metric: lcp.p75, target: "<= ${HUGE}s" }`,
      `  - { metric: nps, target: "between 0 and ${HUGE}" }`,
    );
    expect(messageOf(text).split('\n')).toEqual([
      `xla.config.yml:2:32: targets[0].target: too large a number, got ${SHOWN}`,
      `xla.config.yml:3:44: targets[1].target: too large a number, got ${SHOWN}`,
      `xla.config.yml:4:32: targets[2].target: too large a number, got ${SHOWN}`,
      `xla.config.yml:5:28: targets[3].target: too large a number, got ${SHOWN}`,
    ]);
  });

  it('refuses exponents in thresholds', () => {
    expect(messageOf(yaml('targets:', '  - { metric: backlog, target: ">= 1e400" }'))).toBe(
      'xla.config.yml:2:32: targets[0].target: expected a number such as 10, got "1e400"',
    );
  });

  it('refuses an infinite floor, SLA duration and Apdex T', () => {
    const text = yaml(
      `apdex_t: ${HUGE}h`,
      `sla: { P1: ${HUGE}h }`,
      'targets:',
      '  - { id: fast, metric: resolution_time.p90, target: "<= 4h" }',
      'composites:',
      `  - { id: index, components: { fast: { weight: 1, floor: ${HUGE}h } } }`,
    );
    const lines = messageOf(text).split('\n');
    expect(lines[0]).toMatch(/^xla\.config\.yml:1:10: apdex_t: expected a positive duration such as 500ms or 1\.2s/);
    expect(lines.slice(1)).toEqual([
      `xla.config.yml:2:12: sla.P1: too large a number, got ${SHOWN}`,
      `xla.config.yml:6:58: composites[0].components.fast.floor: too large a number, got ${SHOWN}`,
    ]);
  });
});

describe('min_n, weights and scales', () => {
  it('wants min_n a whole number from 1 up, not Infinity', () => {
    expect(messageOf(yaml('targets:', '  - { metric: nps, target: ">= 0", min_n: .inf }'))).toBe(
      'xla.config.yml:2:43: targets[0].min_n: expected a number, got Infinity',
    );
    expect(messageOf(yaml('targets:', '  - { metric: nps, target: ">= 0", min_n: 1e308 }'))).toBe(
      'xla.config.yml:2:43: targets[0].min_n: expected a number <= 9007199254740991, got 1e+308',
    );
  });

  it('keeps weights within a range whose sums cannot overflow', () => {
    const text = yaml(
      'targets:',
      '  - { id: a, metric: nps, target: ">= 0" }',
      'composites:',
      '  - { id: i, components: { a: 1e308 } }',
      '  - { id: j, components: { a: { weight: .nan } } }',
      '  - { id: k, components: { a: 0 } }',
    );
    expect(messageOf(text).split('\n')).toEqual([
      'xla.config.yml:4:31: composites[0].components.a: expected a weight of at most 1000000000 (weights are relative), got 1e+308',
      'xla.config.yml:5:41: composites[1].components.a.weight: expected a weight (a number > 0), got NaN',
      'xla.config.yml:6:31: composites[2].components.a: expected a weight > 0, got 0',
    ]);
    const ok = parseConfigText(
      text.split('\n').slice(0, 3).concat('  - { id: i, components: { a: 1000000000 } }', '').join('\n'),
      'xla.config.yml',
    );
    expect(ok.composites[0]?.components[0]?.weight).toBe(1e9);
  });

  it('wants scales of whole numbers', () => {
    expect(messageOf(yaml('scales: { csat: [1, 5.5], ces: [1, 1e308] }')).split('\n')).toEqual([
      'xla.config.yml:1:21: scales.csat[1]: a scale runs between whole numbers such as [1, 5], got 5.5',
      'xla.config.yml:1:36: scales.ces[1]: a scale runs between whole numbers such as [1, 5], got 1e+308',
    ]);
  });
});

describe('JSON duplicate keys', () => {
  it('are refused at the second one, as YAML refuses them', () => {
    expect(messageOf('{\n  "title": "A",\n  "title": "B"\n}\n', 'xla.config.json')).toBe(
      'xla.config.json:3:3: duplicate key "title": JSON would keep only its last value',
    );
    expect(messageOf('{"targets": [{"metric": "nps", "target": ">= 1", "where": {"team": "A", "team": "B"}}]}', 'xla.config.json')).toBe(
      'xla.config.json:1:73: duplicate key "team": JSON would keep only its last value',
    );
  });
});
