import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';

export type Align = 'left' | 'right';

/** Light borders: no frame, two spaces between columns, a rule under the header only. */
const LIGHT_CHARS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  right: '',
  'right-mid': '',
  mid: '─',
  'mid-mid': '──',
  middle: '  ',
};

export function renderLightTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  aligns: readonly Align[],
  palette: ChalkInstance,
): string {
  const table = new Table({
    head: head.map((h) => palette.bold(h)),
    chars: LIGHT_CHARS,
    colAligns: [...aligns],
    // cli-table3 colours its head and border unless told not to: colour is the caller's decision.
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  for (const row of rows) table.push([...row]);
  // cli-table3 pads the last column too; trailing blanks only get in the way of copy and diff.
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
