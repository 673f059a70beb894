/**
 * adoption_rate from a customers file in SQL (metrics/usage.ts UsageState.customers): each customer
 * row feeds the usage state its start and end (epoch ms, NaN when not read) and its `active` flag
 * (1, 0, NaN). The query returns each group's rows as tuples (Dialect.tupleListText, not distinct:
 * every row counts): the start and end exactly as the customer book reads them (customer-book.ts,
 * one reading of a customer's stamps), the flag, and whether the row names a customer. The
 * decoder rebuilds those rows and feeds them to the usage accumulator's own `add`, which keeps the
 * customer rows it keeps in a streaming run: the same state. Its size follows the customers.
 */
import type { CanonicalRow, FieldId } from '../fields/types.js';
import type { Scales } from '../fields/scales.js';
import type { Accumulator } from '../metrics/types.js';
import { USAGE_METRICS, type UsageState } from '../metrics/usage.js';
import { BOOK_STAMP_ITEMS, bookStampOf } from './customer-book.js';
import type { Dialect } from './dialects.js';
import { tuplesOf } from './tuples.js';

/** The fields a customer row adds besides its stamps (recipes.ts reads them into the answers). */
export const CUSTOMER_ROW_FIELDS = ['active', 'customer_id'] as const satisfies readonly FieldId[];

/** How the aggregate reads a row: a field's accepted value (undefined when unbound), and a missing-cell test. */
export interface CustomerRowReading {
  field: (id: FieldId) => string | undefined;
  missing: (text: string) => string;
  dialect: Dialect;
}

/**
 * The group's customer rows: `[start, end, active, named]`, the stamps as the book's (ms, '' missing,
 * `x` rejected), `active` `1`/`0`/'' and `named` `1` when the customer id holds a value.
 */
export function customerRowTuples({ field, missing, dialect }: CustomerRowReading): string {
  const q = dialect.quoteName;
  const active = field('active');
  const id = field('customer_id');
  return dialect.tupleListText(
    [
      q(BOOK_STAMP_ITEMS.start),
      q(BOOK_STAMP_ITEMS.end),
      active === undefined ? "''" : `CASE WHEN ${active} THEN '1' WHEN NOT ${active} THEN '0' ELSE '' END`,
      id === undefined ? "'0'" : `CASE WHEN ${missing(id)} THEN '0' ELSE '1' END`,
    ],
    'TRUE',
    false,
  );
}

const WIDTH = 4;

/**
 * The usage state of a group: its (user, day) tuples added to the accumulator's UserDays, as
 * usage.ts reads them, and its customer rows through the accumulator's own `add`.
 */
export function usageStateOf(
  scales: Scales,
  addDays: (state: UsageState) => void,
  customers: unknown,
  fail: (message: string) => never,
): UsageState {
  const accumulator = usageAccumulator(scales);
  const state = accumulator.init();
  addDays(state);
  const unreadable = new Set<FieldId>();
  const row: CanonicalRow = { unreadable };
  for (const tuple of tuplesOf(customers, WIDTH, fail)) {
    const [start = '', end = '', active = '', named = ''] = tuple;
    unreadable.clear();
    row.start_date = bookStampOf(start, 'start_date', unreadable, fail);
    row.end_date = bookStampOf(end, 'end_date', unreadable, fail);
    row.active = active === '' ? undefined : active === '1' ? true : active === '0' ? false : fail(`"${active}" is not 1, 0 or blank`);
    // The id's text plays no part in the state: only whether the row names a customer.
    row.customer_id = named === '1' ? 'named' : named === '0' ? undefined : fail(`"${named}" is not 1 or 0`);
    accumulator.add(state, row);
  }
  return state;
}

/** The usage metrics' accumulator; a customer row reads no zone, and the days come in as day numbers already. */
function usageAccumulator(scales: Scales): Accumulator<UsageState> {
  const adoption = USAGE_METRICS.find((metric) => metric.id === 'adoption_rate');
  if (adoption === undefined) throw new Error('sql: no adoption_rate metric');
  return adoption.create({ scales, apdexT: 0, sla: {} }) as Accumulator<UsageState>;
}
