/** Measurement scales of the survey questions whose scale may vary (`csat` 1–5, 1–7, 1–10…). */
export interface Scales {
  csat: readonly [number, number];
  ces: readonly [number, number];
  rating: readonly [number, number];
}

/** Each scale's default and what it measures: the one place the config schema and the docs read them from. */
export const SCALE_DEFINITIONS: Readonly<Record<keyof Scales, { readonly range: readonly [number, number]; readonly label: string }>> = {
  csat: { range: [1, 5], label: 'CSAT answer scale' },
  ces: { range: [1, 7], label: 'CES answer scale' },
  rating: { range: [1, 5], label: 'Rating scale' },
};

/** A field's valid range: its own, or its scale's in this run (`csat` is 1–5 unless `scales:` says otherwise). */
export function resolveRange(
  range: readonly [number, number] | keyof Scales | undefined,
  scales: Scales,
): readonly [number, number] | undefined {
  return typeof range === 'string' ? scales[range] : range;
}

export const DEFAULT_SCALES: Scales = {
  csat: SCALE_DEFINITIONS.csat.range,
  ces: SCALE_DEFINITIONS.ces.range,
  rating: SCALE_DEFINITIONS.rating.range,
};
