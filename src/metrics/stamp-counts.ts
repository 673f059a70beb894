/**
 * Counts of time stamps, for a backlog that is only ever asked "how many stamps up to t" at the
 * checkpoints the scorecard will ask about: the end of each period, `--to`, or after the last
 * stamp. Constant memory per period instead of 8 bytes per stamp (bench/RESULTS.md, "Stamp counts").
 * Plain data, so it crosses to and from worker threads as it is.
 */
import { partitionPoint } from '../stats/percentile.js';
import type { PeriodCalendar, PeriodSpan } from '../time/periods.js';
import { fitsSpanShortcut, periodEnd, periodStart } from '../time/periods.js';

/** Where a scorecard asks for counts: the run's period breakdown and `--to`. */
export interface Checkpoints {
  /** The scorecard's own calendar of its `--period` in its zone (shared: a stamp's period is found once for both); null without one. */
  periods: PeriodCalendar | null;
  /** Exclusive end of `--to`, undefined when none. */
  asOf: number | undefined;
}

type PeriodCount = [inPeriod: number, atStart: number];

export interface StampCounts {
  total: number;
  /** Stamps ≤ checkpoints.asOf. */
  upToAsOf: number;
  /** Per period key: stamps in it, and stamps exactly at its first instant. */
  periods: Record<string, PeriodCount>;
  /**
   * A counter's shortcut from a span's index (its calendar's numbering, periods.ts) to the entry
   * in `periods`: the same arrays, found by index instead of by key, several times faster with two
   * stamps a ticket (bench/RESULTS.md, "Stamp counts' shortcut"). Under a symbol of the counter's own: freezeState and structuredClone copy
   * string keys only, so it never leaves the thread, and a count merged into another scorecard is
   * never read by the indices of that one's calendar. A count without it builds it as stamps come.
   */
  [bySpan: symbol]: (PeriodCount | undefined)[] | undefined;
}

/** A period's bounds, found once per key (date-fns is slow): every segment's counts list the same keys. */
interface Bounds {
  start: number;
  end: number;
}

/**
 * A count's periods in time order with running totals, built at its first checkpoint: a backlog
 * is finished at every period's end, and walking every period each time was quadratic (100
 * years of days: minutes). Periods of one type never overlap, so those ending by a checkpoint
 * come first, and one binary search finds them.
 */
interface Timeline {
  /** `counts.total` when built: stamps added or merged since make it stale. */
  total: number;
  starts: Float64Array;
  ends: Float64Array;
  /** before[i]: stamps in the periods before the i-th (length: periods + 1). */
  before: Float64Array;
  atStart: Float64Array;
}

/** Counting stamps at these checkpoints: create, add, merge (states are plain data) and count. */
export interface StampCounter {
  create: () => StampCounts;
  add: (counts: StampCounts, stamp: number) => void;
  merge: (a: StampCounts, b: StampCounts) => StampCounts;
  /**
   * Stamps ≤ asOf, where asOf is a checkpoint: at or past the latest stamp (all of them), `--to`, or
   * a period's exclusive end — the periods that end by then, and the stamps exactly at that end
   * (the next period's first instant). Any other instant is a caller's bug.
   */
  countUpTo: (counts: StampCounts, asOf: number, latest: number) => number;
}

export function createStampCounter(checkpoints: Checkpoints): StampCounter {
  const calendar = checkpoints.periods;
  const bySpan = Symbol('period counts by span index');
  const bounds = new Map<string, Bounds>();
  const boundsOf = (key: string, { period, tz }: PeriodCalendar): Bounds => {
    let found = bounds.get(key);
    if (found === undefined) {
      found = { start: periodStart(key, period, tz), end: periodEnd(key, period, tz) };
      bounds.set(key, found);
    }
    return found;
  };
  // Per counts object, never on it: a count crosses threads as plain data.
  const timelines = new WeakMap<StampCounts, Timeline>();
  const timelineOf = (counts: StampCounts, at: PeriodCalendar): Timeline => {
    let timeline = timelines.get(counts);
    if (timeline === undefined || timeline.total !== counts.total) {
      timeline = buildTimeline(counts, (key) => boundsOf(key, at));
      timelines.set(counts, timeline);
    }
    return timeline;
  };
  return {
    create: () => ({ total: 0, upToAsOf: 0, periods: {}, [bySpan]: [] }),
    add(counts, stamp) {
      counts.total += 1;
      if (checkpoints.asOf !== undefined && stamp <= checkpoints.asOf) counts.upToAsOf += 1;
      if (calendar === null) return;
      const span = calendar.spanOf(stamp);
      const entry = periodCountOf(counts, span, bySpan);
      entry[0] += 1;
      if (stamp === span.start) entry[1] += 1;
    },
    merge(a, b) {
      a.total += b.total;
      a.upToAsOf += b.upToAsOf;
      for (const [key, [inPeriod, atStart]] of Object.entries(b.periods)) {
        const entry = (a.periods[key] ??= [0, 0]);
        entry[0] += inPeriod;
        entry[1] += atStart;
      }
      return a;
    },
    countUpTo(counts, asOf, latest) {
      if (asOf >= latest) return counts.total;
      if (asOf === checkpoints.asOf) return counts.upToAsOf;
      if (calendar === null) throw new Error(`stamp counts: ${asOf} is not a checkpoint (no period breakdown)`);
      // The periods that end by asOf, and the stamps at the first instant of the one starting there.
      const { starts, ends, before, atStart } = timelineOf(counts, calendar);
      const ended = partitionPoint(ends, 0, ends.length, (end) => end <= asOf);
      return (before[ended] as number) + (starts[ended] === asOf ? (atStart[ended] as number) : 0);
    },
  };
}

function buildTimeline(counts: StampCounts, boundsOf: (key: string) => Bounds): Timeline {
  const periods = Object.entries(counts.periods)
    .map(([key, [inPeriod, atStart]]) => ({ ...boundsOf(key), inPeriod, atStart }))
    .sort((a, b) => a.start - b.start);
  const before = new Float64Array(periods.length + 1);
  periods.forEach((entry, i) => {
    before[i + 1] = (before[i] as number) + entry.inPeriod;
  });
  return {
    total: counts.total,
    starts: Float64Array.from(periods, (entry) => entry.start),
    ends: Float64Array.from(periods, (entry) => entry.end),
    before,
    atStart: Float64Array.from(periods, (entry) => entry.atStart),
  };
}

/** The count of a span's period in `counts`, created on first use; found by the span's index when it has one. */
function periodCountOf(counts: StampCounts, span: Readonly<PeriodSpan>, bySpan: symbol): PeriodCount {
  // Held to the stamps counted (a bound on the periods listed): a count per cell stays small however many periods the calendar met.
  if (!fitsSpanShortcut(span.index, counts.total)) return (counts.periods[span.key] ??= [0, 0]);
  const shortcut = (counts[bySpan] ??= []);
  let entry = shortcut[span.index];
  if (entry === undefined) {
    entry = counts.periods[span.key] ??= [0, 0];
    shortcut[span.index] = entry;
  }
  return entry;
}
