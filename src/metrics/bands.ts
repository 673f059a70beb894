import type { Band, Bands, BoundedBand } from './types.js';

/** The band a value falls in: the first whose bound it meets, else `otherwise`. */
export function rateByBands({ bound, steps, otherwise }: Bands, value: number): string {
  const meets = (step: BoundedBand): boolean => (bound === 'at-least' ? value >= step.bound : value <= step.bound);
  return (steps.find(meets) ?? otherwise).label;
}

/** Every band of a scale, best first. */
export function listBands({ steps, otherwise }: Bands): readonly Band[] {
  return [...steps, otherwise];
}
