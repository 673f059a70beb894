import { describe, expect, it } from 'vitest';
import { closestName, measureEditDistance } from '../../src/fields/closest-name.js';

describe('closestName', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
  ] as const)('edit distance %s → %s is %d', (a, b, distance) => {
    expect(measureEditDistance(a, b)).toBe(distance);
    expect(measureEditDistance(b, a)).toBe(distance);
  });

  it.each([
    ['Teem', ['Team', 'Priority'], 'Team'],
    ['NPS', ['nps', 'csat'], 'nps'],
    ['colour', ['priority', 'team'], undefined],
  ] as const)('%s among %j → %s', (wanted, names, expected) => {
    expect(closestName(wanted, names)).toBe(expected);
  });
});
