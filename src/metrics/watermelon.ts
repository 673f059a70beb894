/**
 * The watermelon effect (green SLA outside, red user inside): among tickets with an answer from
 * their user, how often the SLA verdict and the experience disagree. One state feeds both rates:
 * `watermelon_rate` (met, yet unhappy) and its mirror `happy_breach_rate` (breached, yet happy).
 * The verdict is `resolutionVerdict`'s, the one sla_attainment uses, so the two never judge a
 * ticket differently; the answer is the ticket row's own (an NPS or satisfaction column) or, in a
 * joined run, its survey response's (run/join.ts puts it on the row).
 */
import type { CanonicalRow, FieldId, Kind, Scales } from '../fields/types.js';
import { ValueBuffer } from '../stats/percentile.js';
import { countedRate, EXCESS_NOTE, finishRate } from './accumulators.js';
import { resolutionVerdict } from './sla-verdict.js';
import type { Accumulator, FinishContext, MetricContext, MetricDef, MetricValue } from './types.js';

const TICKETS: readonly Kind[] = ['tickets'];

/** How the user felt: NPS 9–10 or CSAT top-2-box is happy, NPS 0–6 or CSAT bottom-2-box unhappy. */
export type Feeling = 'happy' | 'unhappy' | 'neutral';

/** The answer fields read, in order of preference: an NPS answer first, else a CSAT one. */
export const ANSWER_FIELDS = ['nps', 'csat', 'satisfaction'] as const satisfies readonly FieldId[];

/**
 * The feeling of the row's answer, undefined when it has none. NPS first (0–6 unhappy, 9–10
 * happy, metrics.md §2.1); else CSAT on its scale: the bottom two boxes unhappy (1–2 on 1–5), the
 * top two happy (4–5, the csat metric's top-2-box).
 */
export function feelingOf(row: CanonicalRow, scales: Scales): Feeling | undefined {
  const nps = row.nps;
  if (nps !== undefined) return nps <= 6 ? 'unhappy' : nps >= 9 ? 'happy' : 'neutral';
  const csat = row.csat ?? row.satisfaction;
  if (csat === undefined) return undefined;
  const [min, max] = scales.csat;
  return csat <= min + 1 ? 'unhappy' : csat >= max - 1 ? 'happy' : 'neutral';
}

interface VerdictTally {
  answered: number;
  happy: number;
  unhappy: number;
}

export interface WatermelonState {
  met: VerdictTally;
  breached: VerdictTally;
  /** Due stamps of open answered tickets, per feeling: breached once `asOf` is past them (as sla_attainment). */
  openHappy: ValueBuffer;
  openUnhappy: ValueBuffer;
  openNeutral: ValueBuffer;
}

const tally = (): VerdictTally => ({ answered: 0, happy: 0, unhappy: 0 });

function addFeeling(to: VerdictTally, feeling: Feeling): void {
  to.answered += 1;
  if (feeling === 'happy') to.happy += 1;
  else if (feeling === 'unhappy') to.unhappy += 1;
}

function mergeTally(a: VerdictTally, b: VerdictTally): void {
  a.answered += b.answered;
  a.happy += b.happy;
  a.unhappy += b.unhappy;
}

/** The shared state: answered tickets by verdict and feeling. Unjudged, in-flight and unanswered tickets are left out. */
function verdictsWithFeelings(
  ctx: MetricContext,
  finish: (state: WatermelonState, at: FinishContext) => MetricValue,
): Accumulator<WatermelonState> {
  const openOf = (state: WatermelonState, feeling: Feeling): ValueBuffer =>
    feeling === 'happy' ? state.openHappy : feeling === 'unhappy' ? state.openUnhappy : state.openNeutral;
  return {
    init: () => ({
      met: tally(),
      breached: tally(),
      openHappy: new ValueBuffer(),
      openUnhappy: new ValueBuffer(),
      openNeutral: new ValueBuffer(),
    }),
    add(state, row) {
      const feeling = feelingOf(row, ctx.scales);
      if (feeling === undefined) return;
      const verdict = resolutionVerdict(row, ctx);
      if (verdict?.state === 'met') addFeeling(state.met, feeling);
      else if (verdict?.state === 'breached') addFeeling(state.breached, feeling);
      else if (verdict?.state === 'open') openOf(state, feeling).push(verdict.due);
    },
    merge(a, b) {
      mergeTally(a.met, b.met);
      mergeTally(a.breached, b.breached);
      a.openHappy.append(b.openHappy);
      a.openUnhappy.append(b.openUnhappy);
      a.openNeutral.append(b.openNeutral);
      return a;
    },
    finish,
  };
}

/** The breached tally with the open tickets past due at `asOf` added; without asOf they stay in flight. */
function breachedAt(state: WatermelonState, asOf: number | undefined): VerdictTally {
  const past = (buffer: ValueBuffer): number => (asOf === undefined ? 0 : buffer.countBelow(asOf));
  const happy = past(state.openHappy);
  const unhappy = past(state.openUnhappy);
  const { breached } = state;
  return {
    answered: breached.answered + happy + unhappy + past(state.openNeutral),
    happy: breached.happy + happy,
    unhappy: breached.unhappy + unhappy,
  };
}

/** Answered tickets that met their SLA: the share whose user was unhappy. */
function finishWatermelon(state: WatermelonState, at: FinishContext): MetricValue {
  const { met } = state;
  return finishRate(countedRate({ x: met.unhappy, n: met.answered }), at, EXCESS_NOTE, { unhappy: met.unhappy });
}

/** Answered tickets that breached their SLA (open ones past due included): the share whose user was still happy. */
function finishHappyBreach(state: WatermelonState, at: FinishContext): MetricValue {
  const breached = breachedAt(state, at.asOf);
  return finishRate(countedRate({ x: breached.happy, n: breached.answered }), at, EXCESS_NOTE, { happy: breached.happy });
}

/** A verdict needs made_sla or sla_due_at (or a config `sla` target and a priority); an answer, NPS or CSAT. */
const VERDICT_FIELDS = [['made_sla'], ['sla_due_at']] as const satisfies readonly (readonly FieldId[])[];
const CONFIG_VERDICT_FIELDS = ['created_at', 'priority'] as const satisfies readonly FieldId[];

function withAnswers(verdicts: readonly (readonly FieldId[])[]): FieldId[][] {
  return verdicts.flatMap((fields) => ANSWER_FIELDS.map((answer) => [...fields, answer]));
}

// xla's own measures: the formula is the definition (no published source defines these rates).
const common = {
  domain: 'cx',
  kinds: TICKETS,
  unit: '%',
  interval: 'wilson',
  requires: withAnswers(VERDICT_FIELDS),
  requiresWith: (ctx: MetricContext) => (Object.keys(ctx.sla).length === 0 ? [] : withAnswers([CONFIG_VERDICT_FIELDS])),
  sharedState: 'sla_feelings',
} as const;

export const WATERMELON_METRICS: readonly MetricDef[] = [
  /**
   * % of answered tickets that met their SLA whose answer was unhappy (NPS 0–6, CSAT bottom two
   * boxes). %, lower is better, Wilson CI. No answered met ticket → null.
   */
  {
    ...common,
    id: 'watermelon_rate',
    name: 'Watermelon rate',
    better: 'lower',
    formula: '% of tickets that met their SLA whose user was unhappy (NPS 0–6, or CSAT in the bottom two boxes)',
    reading: 'no published bands; any value above a few % says the SLA measures something users do not feel',
    create: (ctx) => verdictsWithFeelings(ctx, finishWatermelon),
  },
  /**
   * % of answered tickets that breached their SLA (an open one past due at asOf included) whose
   * user was still happy (NPS 9–10, CSAT top two boxes). %, no better direction (a high value
   * says the target is stricter than users need), Wilson CI. None → null.
   */
  {
    ...common,
    id: 'happy_breach_rate',
    name: 'Happy breach rate',
    better: null,
    formula: '% of tickets that breached their SLA whose user was still happy (NPS 9–10, or CSAT in the top two boxes)',
    reading: 'no published bands; a high value says the SLA target is stricter than users need',
    create: (ctx) => verdictsWithFeelings(ctx, finishHappyBreach),
  },
];
