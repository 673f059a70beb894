/**
 * How many items of one kind a reader's note names before it only counts the rest, as stderr
 * shows the first rejected values and then a count: a header of 50,000 repeated names is one
 * short note, not 50,000 lines.
 */
export const NOTE_LIST_LENGTH = 5;

/** The items joined with `, `; past NOTE_LIST_LENGTH, the first ones and `and N more`. */
export function listForNote(items: readonly string[]): string {
  const shown = items.slice(0, NOTE_LIST_LENGTH).join(', ');
  const more = items.length - NOTE_LIST_LENGTH;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
