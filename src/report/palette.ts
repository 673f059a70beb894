import { Chalk, type ChalkInstance } from 'chalk';
import { listBands } from '../metrics/bands.js';
import { METRICS } from '../metrics/registry.js';
import type { Judgement } from '../metrics/types.js';

/**
 * Colour is decided by the caller (cli/ knows the TTY, NO_COLOR, FORCE_COLOR); a formatter never
 * asks chalk to detect it, so the same options always give the same bytes.
 */
export function createPalette(isColor: boolean): ChalkInstance {
  return new Chalk({ level: isColor ? 1 : 0 });
}

/** How each published rating is judged, from the metric definitions' bands (web-vitals ratings, Apdex bands). */
const RATING_JUDGEMENTS: ReadonlyMap<string, Judgement> = new Map(
  METRICS.flatMap(({ bands }) => (bands === undefined ? [] : listBands(bands))).map(({ label, judgement }) => [label, judgement]),
);

/** Paints text by a published rating; unknown ratings stay plain. */
export function paintByRating(palette: ChalkInstance, rating: string, text: string): string {
  switch (RATING_JUDGEMENTS.get(rating)) {
    case 'good':
      return palette.green(text);
    case 'fair':
      return palette.yellow(text);
    case 'bad':
      return palette.red(text);
    case undefined:
      return text;
  }
}
