/** Measurement scales of the survey questions whose scale may vary (`csat` 1–5, 1–7, 1–10…). */
export interface Scales {
  csat: readonly [number, number];
  ces: readonly [number, number];
  rating: readonly [number, number];
}

export const DEFAULT_SCALES: Scales = {
  csat: [1, 5],
  ces: [1, 7],
  rating: [1, 5],
};
