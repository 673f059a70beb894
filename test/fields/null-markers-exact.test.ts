/**
 * isNullMarker rules most cells out by their first character before lowercasing them: that must
 * never change which texts are markers.
 */
import { describe, expect, it } from 'vitest';
import { coerceText, isMissing, NULL_MARKERS } from '../../src/fields/values.js';

/** The definition the shortcut must agree with: trimmed, lowercased, looked up. */
const isMarkerText = (text: string): boolean => {
  const trimmed = text.trim();
  return trimmed === '' || NULL_MARKERS.has(trimmed.toLowerCase());
};

/** Every upper/lower-case spelling of a word (`n/a`, `N/a`, `n/A`, `N/A`). */
function caseVariants(word: string): string[] {
  return [...word].reduce<string[]>(
    (variants, char) => variants.flatMap((prefix) => [...new Set([char.toLowerCase(), char.toUpperCase()])].map((c) => prefix + c)),
    [''],
  );
}

describe('null markers and the first-character shortcut', () => {
  it('reads every case spelling of every marker, padded or not, as missing', () => {
    for (const marker of NULL_MARKERS) {
      for (const text of caseVariants(marker)) {
        expect(isMissing(text), text).toBe(true);
        expect(isMissing(` ${text}\t`), text).toBe(true);
        expect(coerceText(text), text).toBeUndefined();
      }
    }
  });

  // The shortcut only ever rules out ASCII first characters: try each of them in front of the
  // rest of every marker, and in front of short endings that are not a marker's.
  it('agrees with the plain lookup for every ASCII first character', () => {
    const endings = [...[...NULL_MARKERS].map((marker) => marker.slice(1)), '', '3', 'rue', 'alse', 'A', '/A', 'ULL)'];
    for (let code = 0; code < 128; code++) {
      for (const ending of endings) {
        const text = String.fromCharCode(code) + ending;
        expect(isMissing(text), JSON.stringify(text)).toBe(isMarkerText(text));
      }
    }
  });
});
