import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { parseChangeTarget, parseTargetFlag } from '../../src/config/target.js';
import { findMetric } from '../../src/metrics/registry.js';
import { configErrorOf, yaml } from './helpers.js';

const on = (metricId: string) => {
  const metric = findMetric(metricId);
  if (metric === undefined) throw new Error(`test setup: no metric ${metricId}`);
  return metric;
};

describe('parseChangeTarget', () => {
  it.each([
    ['>= -2', 'nps', '>=', -2, false],
    ['>= -5%', 'nps', '>=', -5, true],
    ['>= -2', 'csat', '>=', -2, false],
    ['>= -2pp', 'csat', '>=', -2, false],
    ['>= -5%', 'csat', '>=', -5, true],
    ['<= 30m', 'resolution_time.p90', '<=', 1800, false],
    ['<= +10%', 'resolution_time.p90', '<=', 10, true],
    ['>= −0.2', 'csat.mean', '>=', -0.2, false],
  ] as const)('%s on %s', (text, metricId, op, threshold, relative) => {
    expect(parseChangeTarget(text, on(metricId))).toEqual({ op, threshold, relative, text });
  });

  it('reads a between with both ends alike, and refuses one end relative and the other not', () => {
    expect(parseChangeTarget('between -2 and 2', on('nps'))).toMatchObject({ op: 'between', threshold: [-2, 2], relative: false });
    expect(parseChangeTarget('between -2% and 2', on('nps'))).toEqual({
      error: 'write both ends as a change in % of the baseline or both in nps\'s unit, got "between -2% and 2"',
    });
  });

  it('refuses a change larger than the scale allows, a duration without a unit, and words', () => {
    expect(parseChangeTarget('>= -250', on('nps'))).toHaveProperty('error');
    expect(parseChangeTarget('<= 30', on('resolution_time.p90'))).toEqual({ error: 'write a unit: 30h, 30m or 30s' });
    expect(parseChangeTarget('>= a lot', on('nps'))).toHaveProperty('error');
  });
});

describe('change targets in the XLA file', () => {
  it('resolves change: with the baseline path against the file’s folder', () => {
    const config = parseConfigText(
      yaml('baseline: reports/main.json', 'targets:', '  - metric: nps', '    change: ">= -2"', '    basis: lenient'),
      'ci/xla.config.yml',
    );
    expect(config.baseline).toBe('ci/reports/main.json');
    expect(config.targets[0]).toMatchObject({
      id: 'nps',
      target: { op: '>=', threshold: -2 },
      change: { relative: false },
      basis: 'lenient',
    });
  });

  it('refuses a target with both target and change, or with neither', () => {
    const both = configErrorOf(yaml('targets:', '  - metric: nps', '    target: ">= 30"', '    change: ">= -2"'));
    expect(both.message).toContain('targets[0].change: give target (on the value) or change (against the baseline), not both');
    const neither = configErrorOf(yaml('targets:', '  - metric: nps'));
    expect(neither.message).toContain('targets[0].target: missing (required)');
  });

  it('names the key of a bad change, and reads a component floor as a change', () => {
    expect(configErrorOf(yaml('targets:', '  - metric: nps', '    change: ">= -2 points"')).message).toContain('targets[0].change:');
    const composite = (floor: string) =>
      yaml(
        'targets:',
        '  - { id: nps-drop, metric: nps, change: ">= -2" }',
        'composites:',
        `  - { id: index, components: { nps-drop: { weight: 1, floor: "${floor}" } } }`,
      );
    expect(parseConfigText(composite('-10'), 'xla.config.yml').composites[0]?.components[0]?.floor).toBe(-10);
    expect(configErrorOf(composite('-10%')).message).toContain('write the floor as the change target');
    expect(configErrorOf(composite('0')).message).toContain('the floor must lie below');
  });
});

describe('--target with change', () => {
  it('reads "<metric> change <op> <value>" as a target on change', () => {
    expect(parseTargetFlag('nps change >= -2')).toMatchObject({
      id: 'nps change >= -2',
      metric: 'nps',
      target: { op: '>=', threshold: -2, text: '>= -2' },
      change: { relative: false },
    });
    expect(parseTargetFlag('csat change >= -5%').change).toEqual({ relative: true });
    expect(parseTargetFlag('nps >= 30').change).toBeUndefined();
    expect(() => parseTargetFlag('nps change >= -2 points')).toThrow('--target "nps change >= -2 points"');
  });
});
