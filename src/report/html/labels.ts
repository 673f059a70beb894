import { segmentLabel } from '../result-rows.js';

/**
 * A segment as a chart row reads it: `Network`, `EU / Network` for two columns (in column-name
 * order; the chart's caption names the columns), `All` for the overall row. Raw: escape where it is written.
 */
export function describeSegment(segment: Readonly<Record<string, string>>): string {
  const keys = Object.keys(segment).sort();
  if (keys.length === 0) return 'All';
  return keys.map((key) => segmentLabel(segment[key] ?? '')).join(' / ');
}

/** The columns segments are broken down by, in column-name order: `Team`, `region, team`. */
export function describeSegmentColumns(segments: readonly Readonly<Record<string, string>>[]): string {
  return [...new Set(segments.flatMap((segment) => Object.keys(segment)))].sort().join(', ');
}

/** A label cut to `max` characters (whole code points) with an ellipsis, for a chart's narrow label column; the full text is in its description. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
