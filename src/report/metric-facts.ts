/**
 * What a metric's registry entry says about its values, in words: the range its unit gives, the
 * published bands, the name of its interval. `xla metrics` and the generated reference share them.
 */
import type { Bands, IntervalMethod, MetricDef, Unit } from '../metrics/types.js';

/** The unit's meaning, for the reference's units table. */
export const UNIT_MEANINGS: Readonly<Record<Unit, string>> = {
  points: 'a net score, −100…+100 points (not a percentage)',
  '%': 'a percentage 0–100 (JSON carries the plain number)',
  score: "a mean on the question's own scale, or a unitless score",
  index: 'a questionnaire score 0–100 (SUS, UMUX-Lite, ESI): not a percentage, shown with one decimal',
  money: 'an amount in the currency of the money columns (xla converts none), shown with two decimals',
  s: 'seconds (shown as `4h 12m`)',
  ms: 'milliseconds',
  count: 'a whole number',
  ratio: 'a plain quotient',
  apdex: 'an Apdex score 0–1, shown with its T',
};

/** The values a metric of the unit takes, where its entry gives no `scale` of its own. */
const UNIT_RANGES: Readonly<Record<Unit, string>> = {
  points: '−100 … +100 points',
  '%': '0–100 %',
  score: "the question's own scale",
  index: '0–100 (a score, not a percentage)',
  money: 'the currency of the data',
  s: '≥ 0 seconds',
  ms: '≥ 0 milliseconds',
  count: '≥ 0, whole',
  ratio: '≥ 0',
  apdex: '0–1',
};

/** `−100 … +100 points`; `1–5 (the CSAT scale, scales.csat)` where the entry says more than its unit. */
export function describeScale(def: Pick<MetricDef, 'unit' | 'scale'>): string {
  return def.scale ?? UNIT_RANGES[def.unit];
}

/** The interval methods' names (the reference explains each). */
export const INTERVAL_NAMES: Readonly<Record<IntervalMethod, string>> = {
  'nps-adjusted-wald': 'adjusted-Wald interval for a net score',
  wilson: 'Wilson score interval',
  t: "Student's t interval",
  'apdex-adjusted-wald': 'adjusted-Wald interval for Apdex',
  none: 'No interval',
};

/**
 * `Excellent ≥ 0.94 · Good ≥ 0.85 · … · Unacceptable below`, in the metric's unit; `quote` marks a
 * label (Markdown code in the reference, nothing on a terminal).
 */
export function formatBandSteps(bands: Bands, unit: Unit, quote: (label: string) => string = (label) => label): string {
  const suffix = unit === 'ms' || unit === 's' ? ` ${unit}` : '';
  const comparison = bands.bound === 'at-least' ? '≥' : '≤';
  const rest = bands.bound === 'at-least' ? 'below' : 'above';
  const bounded = bands.steps.map((step) => `${quote(step.label)} ${comparison} ${String(step.bound)}${suffix}`);
  return [...bounded, `${quote(bands.otherwise.label)} ${rest}`].join(' · ');
}

/** The bands xla applies, else the common reading it does not apply, else none. */
export function describeBands(def: Pick<MetricDef, 'bands' | 'reading' | 'unit'>): string | undefined {
  if (def.bands !== undefined) return formatBandSteps(def.bands, def.unit);
  return def.reading === undefined ? undefined : `common reading, not applied: ${def.reading}`;
}
