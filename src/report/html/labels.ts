import { segmentLabel } from '../result-rows.js';

/** `team=Network`, `team=Network, region=EU`; `All` for the overall row. Raw: escape where it is written. */
export function describeSegment(segment: Readonly<Record<string, string>>): string {
  const keys = Object.keys(segment).sort();
  if (keys.length === 0) return 'All';
  return keys.map((key) => `${key}=${segmentLabel(segment[key] ?? '')}`).join(', ');
}

/** A label cut to `max` characters (whole code points) with an ellipsis, for a chart's narrow label column; the full text is in its description. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
