import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Colour is decided by the caller (cli/ knows the TTY, NO_COLOR, FORCE_COLOR); a formatter never
 * asks chalk to detect it, so the same options always give the same bytes.
 */
export function createPalette(isColor: boolean): ChalkInstance {
  return new Chalk({ level: isColor ? 1 : 0 });
}

type Judgement = 'good' | 'fair' | 'bad';

/** Ratings published with the metric (web-vitals ratings, Apdex bands), never invented ones. */
const RATING_JUDGEMENTS: ReadonlyMap<string, Judgement> = new Map<string, Judgement>([
  ['good', 'good'],
  ['needs-improvement', 'fair'],
  ['poor', 'bad'],
  ['Excellent', 'good'],
  ['Good', 'good'],
  ['Fair', 'fair'],
  ['Poor', 'bad'],
  ['Unacceptable', 'bad'],
]);

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
