// "A value that equals the threshold exactly meets it" (issue 16), end to end through the pure
// layers: rows → a registry metric → its value → the target as the config parses it → the verdict.
// Every value below is exactly the written threshold in decimal arithmetic; in binary floating
// point (a running sum of doubles, or an exact sum of the doubles) several land one unit in the
// last place off, on the wrong side of `==`, `<=` or `>=`.
import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../src/config/target.js';
import { isValueError } from '../../src/config/values.js';
import type { CanonicalRow } from '../../src/fields/types.js';
import { parseDuration, parsePercentOrFraction, type PlainDurationUnit } from '../../src/fields/units.js';
import { judge } from '../../src/scorecard/verdict.js';
import { answers, getMetric, hoursAfterStart, runMetric, ticket } from '../metrics/run-metric.js';

function verdicts(metricId: string, rows: readonly CanonicalRow[], thresholds: readonly string[]): string[] {
  const result = runMetric(metricId, rows);
  return thresholds.map((text) => {
    const target = parseTarget(text, getMetric(metricId));
    if (isValueError(target)) throw new Error(target.error);
    return `${text}: ${judge(result, target, { minN: 1, basis: 'point' })}`;
  });
}

/** A share as the field layer reads it from text. */
function readShare(text: string): number {
  const share = parsePercentOrFraction(text, '.');
  if (typeof share !== 'number') throw new Error(share.invalid);
  return share;
}

/** A duration as the field layer reads it from text. */
function readDuration(text: string, plainUnit?: PlainDurationUnit): number {
  const seconds = parseDuration(text, plainUnit);
  if (typeof seconds !== 'number') throw new Error(seconds.invalid);
  return seconds;
}

/** A resolved ticket that took `ms` milliseconds. */
const resolvedIn = (ms: number): CanonicalRow => ticket({ created_at: hoursAfterStart(0), resolved_at: hoursAfterStart(0) + ms });

describe('a value equal to its threshold meets it', () => {
  it.each([
    // 17 of 20 in the top two boxes: 100·17/20 = 85.
    ['csat, 17 of 20 top-2-box', 'csat', answers('csat', [...Array<number>(17).fill(5), 3, 2, 1]), 85, ['>= 85%', '<= 85%', '== 85%']],
    // 11.1 / 3 = 3.7; doubles give 3.6999999999999997, a breach of >= 3.7.
    ['csat.mean of 4.3, 3.8, 3.0', 'csat.mean', answers('csat', [4.3, 3.8, 3.0]), 3.7, ['>= 3.7', '<= 3.7', '== 3.7']],
    // 49.2 / 12 = 4.1; a running mean gives 4.099999999999999 in this order (a breach of >= 4.1),
    // an exact sum of the doubles 4.1000000000000005 (a breach of <= 4.1).
    [
      'csat.mean of twelve answers summing to 49.2',
      'csat.mean',
      answers('csat', [4.1, 4.0, 4.1, 4.5, 4.0, 3.8, 4.2, 3.7, 4.4, 4.3, 4.2, 3.9]),
      4.1,
      ['>= 4.1', '<= 4.1', '== 4.1'],
    ],
    // Twelve whole answers summing to 48, in the order Welford's running mean took to 3.9999999999999996.
    [
      'csat.mean of twelve whole answers summing to 48',
      'csat.mean',
      answers('csat', [4, 5, 4, 5, 5, 1, 5, 5, 3, 4, 2, 5]),
      4,
      ['>= 4', '== 4'],
    ],
    // Four tickets from millisecond stamps whose durations sum to 16h: the mean is 4h (a running
    // mean of the seconds gives 14399.999999999998, a breach of >= 4h).
    [
      'resolution_time.mean of four durations summing to 16h',
      'resolution_time.mean',
      [17_913_909, 17_219_028, 15_064_536, 7_402_527].map(resolvedIn),
      14_400,
      ['<= 4h', '>= 4h', '== 4h'],
    ],
    // 1.1h = 3960 s; 3959.9 s and 3960.1 s from stamps 100 ms either side.
    [
      'resolution_time.mean of 1.1h ∓ 100 ms',
      'resolution_time.mean',
      [resolvedIn(3_959_900), resolvedIn(3_960_100)],
      3960,
      ['<= 1.1h', '== 1h6m'],
    ],
    // A 0.07 bounce rate over 1200 sessions is 84 bounces, 7 % (0.07 × 1200 is 84.00000000000001 in doubles).
    ['bounce_rate 0.07 of 1200 sessions', 'bounce_rate', [{ bounce_rate: 0.07, sessions: 1200 }], 7, ['<= 7%', '>= 7%', '== 7%']],
    // A bounce_rate column written `0.41%` on two rows: 0.41 % (0.41 / 100 in doubles is one unit
    // in the last place off 0.0041, and the rate came out 0.4099999999999999).
    [
      'bounce_rate written 0.41% twice',
      'bounce_rate',
      [
        { bounce_rate: readShare('0.41%'), sessions: 1 },
        { bounce_rate: readShare('0.41%'), sessions: 1 },
      ],
      0.41,
      ['>= 0.41%', '== 0.41%'],
    ],
    // 0.07 × 100 is 7.000000000000001 in doubles; the mean score × 100 is exactly 7.
    ['sentiment of 0.07, 0.07', 'sentiment', answers('sentiment', [0.07, 0.07]), 7, ['>= 7', '<= 7', '== 7']],
    // Lost time written `1.1h`, and `1.1` in an hours column: 3960 s each (1.1 × 3,600,000 / 1000 is 3960.0000000000005).
    [
      'lost_time.mean of 1.1h written two ways',
      'lost_time.mean',
      [{ lost_time: readDuration('1.1h') }, { lost_time: readDuration('1.1', 'h') }],
      3960,
      ['<= 1.1h', '== 66m'],
    ],
    // 0.1 + 0.2 lost hours as written: 0.3 h = 1080 s, the thresholds 18m and 0.3h.
    ['lost_time.total of 360 s and 720 s', 'lost_time.total', answers('lost_time', [360, 720]), 1080, ['<= 0.3h', '>= 18m']],
  ] as const)('%s', (_label, metricId, rows, value, thresholds) => {
    expect(runMetric(metricId, rows).value).toBe(value);
    expect(verdicts(metricId, rows, thresholds)).toEqual(thresholds.map((text) => `${text}: met`));
  });
});
