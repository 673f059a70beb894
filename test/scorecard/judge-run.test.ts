// The verdict engine as a table: results + rules → verdicts, every expectation worked by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TARGET_DEFAULTS } from '../../src/config/target.js';
import { judgeRun } from '../../src/scorecard/judge-run.js';
import type { RunRules, RunVerdicts } from '../../src/scorecard/judge-run.js';
import type { CompositeResult, Outcome, Result, TargetOp, TargetStatus } from '../../src/scorecard/model.js';
import type { CompositeComponentRule, CompositeRule, TargetRule } from '../../src/scorecard/rules.js';
import { getMetric } from '../metrics/run-metric.js';

function target(
  id: string,
  metric: string,
  op: TargetOp,
  threshold: number | [number, number],
  more: Partial<TargetRule> = {},
): TargetRule {
  const text = Array.isArray(threshold) ? `between ${threshold[0]} and ${threshold[1]}` : `${op} ${threshold}`;
  return {
    id,
    name: null,
    metric,
    target: { op, threshold, text },
    where: {},
    each: null,
    ...TARGET_DEFAULTS,
    origin: `targets[${id}]`,
    ...more,
  };
}

function result(
  metric: string,
  value: number | null,
  n: number,
  ci: [number, number] | null = null,
  segment: Record<string, string> = {},
): Result {
  const def = getMetric(metric);
  return { metric, name: def.name, domain: def.domain, unit: def.unit, better: def.better ?? null, segment, period: null, value, n, ci };
}

function composite(
  id: string,
  components: Record<string, number | Partial<CompositeComponentRule>>,
  more: Partial<CompositeRule> = {},
): CompositeRule {
  return {
    id,
    name: id,
    components: Object.entries(components).map(([targetId, component]) => ({
      target: targetId,
      weight: 1,
      key: false,
      floor: undefined,
      ...(typeof component === 'number' ? { weight: component } : component),
    })),
    target: null,
    level: 'error',
    origin: `composites[${id}]`,
    ...more,
  };
}

const indexTarget = (op: TargetOp, threshold: number) => ({ op, threshold, text: `${op} ${threshold}` });

function run(
  targets: readonly TargetRule[],
  results: Record<string, readonly Result[]>,
  composites: readonly CompositeRule[] = [],
  allowNoData = false,
) {
  return judgeRun(byRule(targets, results), { targets, composites }, { allowNoData });
}

/** The engine's input, each target's results keyed by its rule, from results written by target id. */
function byRule(targets: readonly TargetRule[], results: Record<string, readonly Result[]>): Map<TargetRule, readonly Result[]> {
  return new Map(targets.flatMap((rule) => (Object.hasOwn(results, rule.id) ? [[rule, results[rule.id] ?? []] as const] : [])));
}

type Verdict = [segment: Record<string, string>, status: TargetStatus, outcome: Outcome];

describe('judgeRun: targets', () => {
  const csat = (more: Partial<TargetRule> = {}) => target('happy', 'csat', '>=', 85, more);
  const nps = (more: Partial<TargetRule> = {}) => target('promoters', 'nps', '>=', 30, { basis: 'interval', ...more });
  const npsAt = (value: number, ci: [number, number]) => ({ promoters: [result('nps', value, 100, ci)] });
  const npsFrom = (n: number) => ({ promoters: [result('nps', 60, n, [50, 70])] });
  const ces = (more: Partial<TargetRule> = {}) => target('effort', 'ces', '>=', 5, more);
  const byTeam = [
    result('ces', 5.5, 20, [5, 6]),
    result('ces', 6, 10, [5.5, 6.5], { Team: 'A' }),
    result('ces', 4.5, 10, [4, 5], { Team: 'B' }),
  ];

  it.each<[string, TargetRule, Record<string, readonly Result[]>, boolean, Verdict[]]>([
    ['point: a value on the threshold meets it', csat(), { happy: [result('csat', 85, 40, [74, 93])] }, false, [[{}, 'met', 'pass']]],
    ['point: a value below breaches an error target', csat(), { happy: [result('csat', 84.9, 40)] }, false, [[{}, 'breached', 'fail']]],
    ['point: a warn target only warns', csat({ level: 'warn' }), { happy: [result('csat', 84.9, 40)] }, false, [[{}, 'breached', 'warn']]],
    ['point: the interval is not looked at', csat(), { happy: [result('csat', 86, 40, [70, 95])] }, false, [[{}, 'met', 'pass']]],
    ['interval: the whole CI meets', nps(), npsAt(40, [31, 49]), false, [[{}, 'met', 'pass']]],
    ['interval: the whole CI misses', nps(), npsAt(20, [10, 29]), false, [[{}, 'breached', 'fail']]],
    [
      'interval: a CI across the threshold is inconclusive, warned by default',
      nps(),
      npsAt(30, [25, 35]),
      false,
      [[{}, 'inconclusive', 'warn']],
    ],
    [
      'interval: inconclusive with policy fail fails an error target',
      nps({ inconclusive: 'fail' }),
      npsAt(30, [25, 35]),
      false,
      [[{}, 'inconclusive', 'fail']],
    ],
    [
      'interval: policy fail only warns at level warn',
      nps({ inconclusive: 'fail', level: 'warn' }),
      npsAt(30, [25, 35]),
      false,
      [[{}, 'inconclusive', 'warn']],
    ],
    ['interval: policy pass passes', nps({ inconclusive: 'pass' }), npsAt(30, [25, 35]), false, [[{}, 'inconclusive', 'pass']]],
    ['lenient: a CI across the threshold meets', nps({ basis: 'lenient' }), npsAt(30, [25, 35]), false, [[{}, 'met', 'pass']]],
    ['lenient: the whole CI below breaches', nps({ basis: 'lenient' }), npsAt(20, [10, 29]), false, [[{}, 'breached', 'fail']]],
    ['strict: a CI across the threshold breaches', nps({ basis: 'strict' }), npsAt(30, [25, 35]), false, [[{}, 'breached', 'fail']]],
    ['strict: the whole CI above meets', nps({ basis: 'strict' }), npsAt(40, [31, 49]), false, [[{}, 'met', 'pass']]],
    [
      'interval on a metric without a CI: the point decides',
      target('fast', 'resolution_time.p90', '<=', 14400, { basis: 'interval' }),
      { fast: [result('resolution_time.p90', 14400, 12)] },
      false,
      [[{}, 'met', 'pass']],
    ],
    ['min_n: fewer observations give no data, which fails', nps({ minN: 30 }), npsFrom(29), false, [[{}, 'no_data', 'fail']]],
    ['min_n: exactly min_n observations are judged', nps({ minN: 30 }), npsFrom(30), false, [[{}, 'met', 'pass']]],
    ['no data only warns with allowNoData', nps({ minN: 30 }), npsFrom(29), true, [[{}, 'no_data', 'warn']]],
    ['no data only warns at level warn', nps({ minN: 30, level: 'warn' }), npsFrom(29), false, [[{}, 'no_data', 'warn']]],
    ['a target without results gives one no-data verdict', csat(), {}, false, [[{}, 'no_data', 'fail']]],
    ['results of another metric are not its own', csat(), { happy: [result('nps', 90, 50, [80, 95])] }, false, [[{}, 'no_data', 'fail']]],
    [
      'each: one verdict per segment, the overall row unjudged',
      ces({ each: 'Team' }),
      { effort: byTeam },
      false,
      [
        [{ Team: 'A' }, 'met', 'pass'],
        [{ Team: 'B' }, 'breached', 'fail'],
      ],
    ],
    [
      'each: no segment at all still gives one no-data verdict',
      ces({ each: 'Team' }),
      { effort: [result('ces', 5.5, 20)] },
      false,
      [[{}, 'no_data', 'fail']],
    ],
    ['without each: only the overall row is judged', ces(), { effort: byTeam }, false, [[{}, 'met', 'pass']]],
    [
      'between: the upper bound is inside',
      target('mid', 'ces', 'between', [4, 6]),
      { mid: [result('ces', 6, 10)] },
      false,
      [[{}, 'met', 'pass']],
    ],
    [
      'between: just above is outside',
      target('mid', 'ces', 'between', [4, 6]),
      { mid: [result('ces', 6.1, 10)] },
      false,
      [[{}, 'breached', 'fail']],
    ],
  ])('%s', (_label, rule, results, allowNoData, expected) => {
    const { targets } = run([rule], results, [], allowNoData);
    expect(targets.map((verdict) => [verdict.segment, verdict.status, verdict.outcome])).toEqual(expected);
  });

  it('reports the rule, the unit of its metric and the evidence in the result', () => {
    const rule = target('p1-fast', 'resolution_time.p90', '<=', 14400, {
      name: 'P1 fixed fast',
      where: { priority: ['P1'] },
      minN: 5,
      level: 'warn',
    });
    expect(run([rule], { 'p1-fast': [result('resolution_time.p90', 18000, 12)] }).targets).toEqual([
      {
        id: 'p1-fast',
        name: 'P1 fixed fast',
        metric: 'resolution_time.p90',
        segment: {},
        period: null,
        where: { priority: ['P1'] },
        op: '<=',
        threshold: 14400,
        unit: 's',
        value: 18000,
        n: 12,
        ci: null,
        min_n: 5,
        basis: 'point',
        level: 'warn',
        status: 'breached',
        outcome: 'warn',
      },
    ]);
  });

  it('gives a target without results its metric unit and no evidence', () => {
    expect(run([target('quick', 'lcp.p75', '<', 2500)], {}).targets[0]).toMatchObject({
      unit: 'ms',
      value: null,
      n: 0,
      ci: null,
      segment: {},
    });
  });

  it('judges targets in the order of the rules', () => {
    const rules = [target('b', 'csat', '>=', 85), target('a', 'nps', '>=', 30)];
    const { targets } = run(rules, { a: [result('nps', 40, 50)], b: [result('csat', 90, 50)] });
    expect(targets.map((verdict) => verdict.id)).toEqual(['b', 'a']);
  });

  it('judges each target on its own results, even where two share an id (a config id equal to a --target text)', () => {
    const fromConfig = target('nps >= 30', 'nps', '>=', 30, { where: { team: ['A'] } });
    const fromFlag = target('nps >= 30', 'nps', '>=', 30);
    const results = new Map([
      [fromConfig, [result('nps', 10, 50)]],
      [fromFlag, [result('nps', 40, 50)]],
    ]);
    const { targets } = judgeRun(results, { targets: [fromConfig, fromFlag], composites: [] }, { allowNoData: false });
    expect(targets.map((verdict) => [verdict.value, verdict.status])).toEqual([
      [10, 'breached'],
      [40, 'met'],
    ]);
  });
});

describe('judgeRun: composites', () => {
  // happy: 90 against >= 85 is met, score 100. fast: 5h against <= 4h is breached; the default
  // floor is 8h, so it scores 100 · (8h − 5h)/(8h − 4h) = 75.
  const happy = target('happy', 'csat', '>=', 85);
  const fast = target('fast', 'resolution_time.p90', '<=', 14400);
  const slow = target('slow', 'resolution_time.p90', '<=', 14400); // no results: no data
  const results = { happy: [result('csat', 90, 50)], fast: [result('resolution_time.p90', 18000, 20)] };
  const judged = (rule: CompositeRule, allowNoData = false): CompositeResult =>
    run([happy, fast, slow], results, [rule], allowNoData).composites[0] as CompositeResult;

  it.each<[string, CompositeRule, boolean, Partial<CompositeResult>]>([
    // (3·100 + 1·75)/4 = 93.75
    [
      'the weighted index meets its target',
      composite('idx', { happy: 3, fast: 1 }, { target: indexTarget('>=', 90) }),
      false,
      { value: 93.75, status: 'met', outcome: 'pass' },
    ],
    [
      'the index below its target breaches',
      composite('idx', { happy: 3, fast: 1 }, { target: indexTarget('>=', 95) }),
      false,
      { value: 93.75, status: 'breached', outcome: 'fail' },
    ],
    [
      'a warn composite only warns',
      composite('idx', { happy: 3, fast: 1 }, { target: indexTarget('>=', 95), level: 'warn' }),
      false,
      { status: 'breached', outcome: 'warn', level: 'warn' },
    ],
    [
      'a breached key component breaches whatever the index',
      composite('idx', { happy: 3, fast: { key: true } }, { target: indexTarget('>=', 90) }),
      false,
      { value: 93.75, status: 'breached', outcome: 'fail' },
    ],
    [
      'a key component without data leaves no data, which fails',
      composite('idx', { happy: 3, slow: { key: true } }, { target: indexTarget('>=', 90) }),
      false,
      { value: 100, status: 'no_data', outcome: 'fail' },
    ],
    [
      '… and only warns with allowNoData',
      composite('idx', { happy: 3, slow: { key: true } }, { target: indexTarget('>=', 90) }),
      true,
      { value: 100, status: 'no_data', outcome: 'warn' },
    ],
    [
      'a key component without data and no target: still no data',
      composite('idx', { slow: { key: true } }),
      false,
      { value: null, status: 'no_data', outcome: 'fail' },
    ],
    [
      'without a target or key: an index, no verdict',
      composite('idx', { happy: 3, fast: 1 }),
      false,
      { value: 93.75, status: null, outcome: null, op: null, threshold: null, level: null },
    ],
    // 5h against <= 4h with the floor 6h: 100 · (6h − 5h)/(6h − 4h) = 50.
    ['a floor sets where a score reaches 0', composite('idx', { fast: { floor: 21600 } }), false, { value: 50 }],
    [
      'no component with data: no index',
      composite('idx', { slow: 1 }, { target: indexTarget('>=', 50) }),
      false,
      { value: null, status: 'no_data', outcome: 'fail' },
    ],
  ])('%s', (_label, rule, allowNoData, expected) => {
    expect(judged(rule, allowNoData)).toMatchObject({ id: 'idx', domain: null, ...expected });
  });

  it('lists each component with its weight, score and verdict', () => {
    expect(judged(composite('idx', { happy: 3, fast: { weight: 1, key: true } })).components).toEqual([
      { target: 'happy', weight: 3, score: 100, status: 'met', key: false },
      { target: 'fast', weight: 1, score: 75, status: 'breached', key: true },
    ]);
  });

  it('takes one component per segment of an each target, each with the configured weight', () => {
    // A: 6 against >= 5 scores 100; B: 4.5 misses, the floor 0 → 100 · 4.5/5 = 90; happy 100.
    // (1·100 + 1·90 + 2·100)/4 = 97.5
    const effort = target('effort', 'ces', '>=', 5, { each: 'Team' });
    const teams = [result('ces', 6, 10, null, { Team: 'A' }), result('ces', 4.5, 10, null, { Team: 'B' })];
    const rule = composite('idx', { effort: 1, happy: 2 }, { target: indexTarget('>=', 95) });
    const [judgedIndex] = run([effort, happy], { effort: teams, happy: results.happy }, [rule]).composites;
    expect(judgedIndex?.components.map((component) => [component.target, component.weight, component.score])).toEqual([
      ['effort', 1, 100],
      ['effort', 1, 90],
      ['happy', 2, 100],
    ]);
    expect(judgedIndex).toMatchObject({ value: 97.5, status: 'met', outcome: 'pass' });
  });

  it('rolls targets up by domain, after the configured composites, when they span domains', () => {
    // cx: happy 100. ops: fast 75, slow without data → 75. Total: (100 + 75)/2 = 87.5.
    const { composites } = run([happy, fast, slow], results, [composite('idx', { happy: 1 })]);
    expect(composites.map((rollUp) => [rollUp.id, rollUp.domain, rollUp.value, rollUp.status, rollUp.outcome])).toEqual([
      ['idx', null, 100, null, null],
      ['domain:cx', 'cx', 100, null, null],
      ['domain:ops', 'ops', 75, null, null],
      ['total-experience', 'total', 87.5, null, null],
    ]);
  });

  it('has no roll-up when every target is of one domain', () => {
    expect(run([fast, slow], results).composites).toEqual([]);
  });
});

describe('judgeRun: summary and exit decision', () => {
  const happy = target('happy', 'csat', '>=', 85);
  const good = { happy: [result('csat', 90, 50)] };

  it('counts every target verdict and every composite with a verdict; the worst outcome decides', () => {
    const rules: RunRules = {
      targets: [
        happy, // met, pass
        target('fast', 'resolution_time.p90', '<=', 14400), // 18000: breached, fail
        target('promoters', 'nps', '>=', 30, { basis: 'interval' }), // CI 25…35: inconclusive, warn
        target('slow', 'resolution_time.p90', '<=', 14400, { level: 'warn' }), // no results: no_data, warn
      ],
      composites: [
        composite('idx', { happy: 1 }, { target: indexTarget('>=', 90) }), // 100: met, pass
        composite('plain', { happy: 1 }), // no verdict: not counted
      ],
    };
    const results = byRule(rules.targets, {
      ...good,
      fast: [result('resolution_time.p90', 18000, 20)],
      promoters: [result('nps', 30, 100, [25, 35])],
    });
    // Roll-ups (cx and ops here) have no verdict either.
    expect(judgeRun(results, rules, { allowNoData: false }).summary).toEqual({
      targets: 5,
      met: 2,
      breached: 1,
      inconclusive: 1,
      no_data: 1,
      status: 'fail',
    });
  });

  it.each<[string, TargetRule[], Record<string, readonly Result[]>, CompositeRule[], boolean, Outcome]>([
    ['every target met: pass', [happy], good, [], false, 'pass'],
    ['no rule at all: pass', [], {}, [], false, 'pass'],
    ['a breach at level warn: warn', [target('happy', 'csat', '>=', 95, { level: 'warn' })], good, [], false, 'warn'],
    ['a breach at level error: fail', [target('happy', 'csat', '>=', 95)], good, [], false, 'fail'],
    ['an error target without data: fail', [happy], {}, [], false, 'fail'],
    ['… with allowNoData: warn', [happy], {}, [], true, 'warn'],
    [
      'targets met but a composite breached: fail',
      [happy],
      good,
      [composite('idx', { happy: 1 }, { target: indexTarget('>', 100) })],
      false,
      'fail',
    ],
    [
      'an inconclusive verdict with policy pass: pass',
      [target('promoters', 'nps', '>=', 30, { basis: 'interval', inconclusive: 'pass' })],
      { promoters: [result('nps', 30, 100, [25, 35])] },
      [],
      false,
      'pass',
    ],
  ])('%s', (_label, targets, results, composites, allowNoData, status) => {
    expect(run(targets, results, composites, allowNoData).summary.status).toBe(status);
  });

  it('summarises no rules as nothing counted', () => {
    expect(run([], {}).summary).toEqual({ targets: 0, met: 0, breached: 0, inconclusive: 0, no_data: 0, status: 'pass' });
  });
});

describe('judgeRun: order independence', () => {
  // A fixed set of rules over several domains, bases and levels, each fed random evidence.
  const rules: RunRules = {
    targets: [
      target('happy', 'csat', '>=', 85),
      target('promoters', 'nps', '>=', 30, { basis: 'interval', inconclusive: 'fail' }),
      target('effort', 'ces', '>=', 5, { each: 'Team', level: 'warn', basis: 'strict' }),
      target('fast', 'resolution_time.p90', '<=', 14400, { minN: 5 }),
      target('convert', 'conversion_rate', 'between', [2, 6], { basis: 'lenient' }),
    ],
    composites: [
      composite('idx', { happy: 3, fast: { weight: 1, key: true, floor: 28800 }, effort: 0.5 }, { target: indexTarget('>=', 70) }),
      composite('web', { convert: 1, promoters: 2 }, { level: 'warn', target: indexTarget('>=', 50) }),
      composite('plain', { happy: 1, convert: 1 }),
    ],
  };
  const evidence = (metric: string, segment: Record<string, string> = {}) =>
    fc.option(
      fc
        .record({
          value: fc.double({ min: -100, max: 30000, noNaN: true }),
          n: fc.integer({ min: 0, max: 50 }),
          below: fc.option(fc.double({ min: 0, max: 50, noNaN: true }), { nil: null }),
          above: fc.double({ min: 0, max: 50, noNaN: true }),
        })
        .map(({ value, n, below, above }) => result(metric, value, n, below === null ? null : [value - below, value + above], segment)),
      { nil: null },
    );
  const runResults = fc.record({
    happy: evidence('csat'),
    promoters: evidence('nps'),
    effortA: evidence('ces', { Team: 'A' }),
    effortB: evidence('ces', { Team: 'B' }),
    fast: evidence('resolution_time.p90'),
    convert: evidence('conversion_rate'),
  });
  const present = (...results: (Result | null)[]): Result[] => results.filter((one): one is Result => one !== null);

  /** Verdicts as a set: targets by id and segment, composites by id with their components in a fixed order. */
  function canonical(verdicts: RunVerdicts) {
    const key = (value: unknown): string => JSON.stringify(value);
    const sortBy = <T>(items: readonly T[], keyOf: (item: T) => string): T[] => [...items].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    return {
      targets: sortBy(verdicts.targets, (verdict) => key([verdict.id, verdict.segment])),
      composites: sortBy(
        verdicts.composites.map((one) => ({ ...one, components: sortBy(one.components, key) })),
        (one) => one.id,
      ),
      summary: verdicts.summary,
    };
  }

  it('gives the same verdicts whatever the order of rules, components and results', () => {
    fc.assert(
      fc.property(
        runResults,
        fc.shuffledSubarray([...rules.targets], { minLength: rules.targets.length }),
        fc.shuffledSubarray([...rules.composites], { minLength: rules.composites.length }),
        fc.boolean(),
        fc.boolean(),
        (drawn, targets, composites, reverseResults, allowNoData) => {
          const entries: [string, Result[]][] = [
            ['happy', present(drawn.happy)],
            ['promoters', present(drawn.promoters)],
            ['effort', present(drawn.effortA, drawn.effortB)],
            ['fast', present(drawn.fast)],
            ['convert', present(drawn.convert)],
          ];
          const shuffled = entries.map(([id, results]): [string, Result[]] => [id, reverseResults ? [...results].reverse() : results]);
          const reordered = {
            targets,
            composites: composites.map((rule) => ({ ...rule, components: [...rule.components].reverse() })),
          };
          const original = judgeRun(byRule(rules.targets, Object.fromEntries(entries)), rules, { allowNoData });
          const permuted = judgeRun(byRule(targets, Object.fromEntries(reverseResults ? shuffled.reverse() : shuffled)), reordered, {
            allowNoData,
          });
          expect(canonical(permuted)).toEqual(canonical(original));
        },
      ),
      { numRuns: 300 },
    );
  });
});
