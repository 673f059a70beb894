/**
 * A CSV file written twice into a temporary folder, its rows as given in `first-order/` and
 * shuffled (seeded) in `shuffled/`: the same file name in both, so the reports name their input
 * alike and can be compared byte for byte (order-free*.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shuffled } from '../seeded-random.js';
import { scratchDir } from '../scratch.js';

export const ORDERS = ['first-order', 'shuffled'] as const;
export type Order = (typeof ORDERS)[number];

/** The folder holding both copies of `name`; remove it when done. */
export function writeInBothOrders(prefix: string, name: string, header: string, rows: readonly string[], seed: number): string {
  const root = scratchDir(prefix);
  for (const [order, lines] of [
    [ORDERS[0], rows],
    [ORDERS[1], shuffled(rows, seed)],
  ] as const) {
    mkdirSync(join(root, order));
    writeFileSync(join(root, order, name), [header, ...lines, ''].join('\n'));
  }
  return root;
}
