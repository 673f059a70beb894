import { describe, expect, it } from 'vitest';
import { parseIndexTarget, parseTarget, parseTargetFlag, parseTargetValue } from '../../src/config/target.js';
import { ConfigError } from '../../src/errors.js';
import { findMetric } from '../../src/metrics/registry.js';
import type { MetricDef } from '../../src/metrics/types.js';

function metric(id: string): MetricDef {
  const def = findMetric(id);
  if (def === undefined) throw new Error(`test setup: no metric ${id}`);
  return def;
}

const parse = (text: string, metricId: string) => parseTarget(text, metric(metricId));
const errorOf = (text: string, metricId: string): string => {
  const parsed = parse(text, metricId);
  if (!('error' in parsed)) throw new Error(`expected an error for "${text}" on ${metricId}, got ${JSON.stringify(parsed)}`);
  return parsed.error;
};

describe('parseTarget: operators', () => {
  it.each([
    ['>= 85%', 'csat', '>=', 85],
    ['> 30', 'nps', '>', 30],
    ['<= 4h', 'resolution_time.p90', '<=', 14_400],
    ['< 250ms', 'inp.p75', '<', 250],
    ['== 0', 'backlog', '==', 0],
  ] as const)('%s on %s', (text, metricId, op, threshold) => {
    expect(parse(text, metricId)).toEqual({ op, threshold, text });
  });

  it('reads between A and B, inclusive bounds in order', () => {
    expect(parse('between 30 and 60', 'nps')).toEqual({ op: 'between', threshold: [30, 60], text: 'between 30 and 60' });
    expect(parse('between 80% and 90%', 'csat')).toEqual({ op: 'between', threshold: [80, 90], text: 'between 80% and 90%' });
    expect(parse('between 1h and 1h', 'resolution_time.p90')).toMatchObject({ threshold: [3600, 3600] });
  });

  it('refuses between with the bounds reversed, saying how to write it', () => {
    expect(errorOf('between 60 and 30', 'nps')).toBe('the lower bound comes first: write "between 30 and 60", got "between 60 and 30"');
  });

  it('accepts operators without a space and collapses spacing in the text it keeps', () => {
    expect(parse('>=85%', 'csat')).toEqual({ op: '>=', threshold: 85, text: '>=85%' });
    expect(parse('  <=   1h30m ', 'resolution_time.p90')).toEqual({ op: '<=', threshold: 5400, text: '<= 1h30m' });
  });
});

describe('parseTarget: units by metric', () => {
  it('reads a percentage or bare percent points on % metrics, without guessing', () => {
    expect(parse('>= 85', 'csat')).toMatchObject({ threshold: 85 });
    expect(parse('>= 0.5', 'conversion_rate')).toMatchObject({ threshold: 0.5 });
    expect(parse('>= 3 %', 'conversion_rate')).toMatchObject({ threshold: 3 });
  });

  it('reads every duration form on seconds metrics', () => {
    expect(parse('<= 1h30m', 'resolution_time.p90')).toMatchObject({ threshold: 5400 });
    expect(parse('<= 90m', 'resolution_time.p90')).toMatchObject({ threshold: 5400 });
    expect(parse('<= 45s', 'first_response_time.p90')).toMatchObject({ threshold: 45 });
    expect(parse('<= 250ms', 'response_time.p95')).toMatchObject({ threshold: 0.25 });
    expect(parse('<= 2d', 'resolution_time.median')).toMatchObject({ threshold: 172_800 });
    expect(parse('<= 1.1h', 'resolution_time.mean')).toMatchObject({ threshold: 3960 });
    // Past 12 significant digits too: the threshold is the double nearest to what was written.
    expect(parse('<= 123456789.0123s', 'resolution_time.mean')).toMatchObject({ threshold: 123_456_789.0123 });
  });

  it('reads a bare number or a duration on milliseconds metrics', () => {
    expect(parse('<= 2500', 'lcp.p75')).toMatchObject({ threshold: 2500 });
    expect(parse('<= 2.5s', 'lcp.p75')).toMatchObject({ threshold: 2500 });
    expect(parse('<= 1.1s', 'lcp.p75')).toMatchObject({ threshold: 1100 });
    expect(parse('<= 2.01s', 'lcp.p75')).toMatchObject({ threshold: 2010 });
  });

  it('reads signed points, scores and apdex as bare numbers', () => {
    expect(parse('>= +30', 'nps')).toMatchObject({ threshold: 30 });
    expect(parse('>= -10', 'enps')).toMatchObject({ threshold: -10 });
    expect(parse('>= 5', 'ces')).toMatchObject({ threshold: 5 });
    expect(parse('>= 0.85', 'apdex')).toMatchObject({ threshold: 0.85 });
    expect(parse('<= 0.1', 'cls.p75')).toMatchObject({ threshold: 0.1 });
  });

  it('refuses a unit that does not fit the metric', () => {
    expect(errorOf('<= 4h', 'nps')).toBe('a duration does not fit nps (points)');
    expect(errorOf('>= 85%', 'nps')).toBe('% does not fit nps (points)');
    expect(errorOf('>= 85%', 'resolution_time.p90')).toBe('% does not fit resolution_time.p90 (a duration)');
    expect(errorOf('<= 2h', 'csat')).toBe('a duration does not fit csat (%)');
    expect(errorOf('< 20%', 'lcp.p75')).toBe('% does not fit lcp.p75 (milliseconds)');
  });

  it('asks for a unit on a bare duration', () => {
    expect(errorOf('<= 4', 'resolution_time.p90')).toBe('write a unit: 4h, 4m or 4s');
  });

  it('refuses values outside what the unit can hold', () => {
    expect(errorOf('>= 120%', 'csat')).toBe('csat is between 0 and 100, got "120%"');
    expect(errorOf('>= 85', 'apdex')).toBe('apdex is between 0 and 1, got "85"');
    expect(errorOf('>= 130', 'nps')).toBe('nps is between -100 and 100, got "130"');
    expect(errorOf('<= -5', 'backlog')).toBe('backlog is at least 0, got "-5"');
    expect(errorOf('<= -4h', 'resolution_time.p90')).toBe('a duration cannot be negative, got "-4h"');
  });
});

describe('parseTarget: malformed', () => {
  it('says what was expected and what was got', () => {
    expect(errorOf('85', 'nps')).toBe('expected "<op> <value>", got "85" (e.g. ">= 30")');
    expect(errorOf('>= ', 'csat')).toBe('expected "<op> <value>", got ">=" (e.g. ">= 85%")');
    expect(errorOf('', 'csat')).toBe('expected "<op> <value>", got "" (e.g. ">= 85%")');
    expect(errorOf('>= abc', 'nps')).toBe('expected a number such as 30, got "abc"');
    expect(errorOf('<= soon', 'resolution_time.p90')).toBe('expected a duration such as 4h, 1h30m, 90m or 45s, got "soon"');
    expect(errorOf('between 30', 'nps')).toBe('expected "between <low> and <high>", got "between 30" (e.g. "between 30 and 60")');
  });

  it('names an unknown operator', () => {
    expect(errorOf('=> 30', 'nps')).toContain('unknown operator "=>"');
    expect(errorOf('= 30', 'nps')).toContain('unknown operator "="');
    expect(errorOf('>== 30', 'nps')).toBe('expected "<op> <value>", got ">== 30" (e.g. ">= 30")');
  });

  it('refuses number formats that are more likely mistakes than thresholds', () => {
    expect(errorOf('>= 1,000', 'tickets')).toContain('expected a number');
    expect(errorOf('>= 1e3', 'tickets')).toContain('expected a number');
  });
});

describe('parseIndexTarget and parseTargetValue', () => {
  it('reads a composite target on its 0–100 index', () => {
    expect(parseIndexTarget('>= 80')).toEqual({ op: '>=', threshold: 80, text: '>= 80' });
    expect(parseIndexTarget('>= 120')).toEqual({ error: 'the composite index is between 0 and 100, got "120"' });
    expect(parseIndexTarget('>= 80%')).toEqual({ error: '% does not fit the composite index (score)' });
  });

  it('reads a bare value in the metric unit (a floor)', () => {
    expect(parseTargetValue('12h', metric('resolution_time.p90'))).toBe(43_200);
    expect(parseTargetValue('50%', metric('csat'))).toBe(50);
    expect(parseTargetValue('12', metric('resolution_time.p90'))).toEqual({ error: 'write a unit: 12h, 12m or 12s' });
  });
});

describe('parseTargetFlag', () => {
  it('reads a metric id then a target, with the defaults', () => {
    expect(parseTargetFlag('nps >= 30')).toEqual({
      id: 'nps >= 30',
      name: null,
      metric: 'nps',
      target: { op: '>=', threshold: 30, text: '>= 30' },
      where: {},
      each: null,
      minN: 1,
      level: 'error',
      basis: 'point',
      inconclusive: 'warn',
      origin: '--target "nps >= 30"',
    });
  });

  it('collapses spaces into the id and reads metric ids with dots', () => {
    const target = parseTargetFlag('  resolution_time.p90   <=  8h ');
    expect(target.id).toBe('resolution_time.p90 <= 8h');
    expect(target.metric).toBe('resolution_time.p90');
    expect(target.target.threshold).toBe(28_800);
    expect(parseTargetFlag('csat>=85%').target).toEqual({ op: '>=', threshold: 85, text: '>=85%' });
  });

  it('refuses an unknown metric with a suggestion', () => {
    expect(() => parseTargetFlag('csta >= 85%')).toThrow(ConfigError);
    expect(() => parseTargetFlag('csta >= 85%')).toThrow('--target "csta >= 85%": unknown metric "csta" (did you mean "csat"?)');
  });

  it('refuses a target that does not parse, or is missing', () => {
    expect(() => parseTargetFlag('nps >= 4h')).toThrow('--target "nps >= 4h": a duration does not fit nps (points)');
    expect(() => parseTargetFlag('nps')).toThrow('--target "nps": expected "<metric> <op> <value>", got "nps"');
    expect(() => parseTargetFlag('>= 30')).toThrow('expected "<metric> <op> <value>"');
  });
});

describe('exponent numbers', () => {
  it('are refused on every unit, durations included', () => {
    expect(errorOf('<= 1e3', 'resolution_time.p90')).toBe('expected a duration such as 4h, 1h30m, 90m or 45s, got "1e3"');
    expect(errorOf('<= 1e3', 'lcp.p75')).toBe('expected a number such as 2500ms, got "1e3"');
  });
});
