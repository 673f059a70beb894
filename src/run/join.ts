/**
 * Experience joined to operations: a survey response's ticket key attaches it to the ticket with
 * that key, in a run that has both kinds of input. Keys are compared trimmed and case-folded
 * (`INC0001` = ` inc0001 `). Before scoring, one pass over each joined input keeps, per key, the
 * one ticket and the one response the join attaches (their cells of the names the run segments
 * and filters by, a ticket's SLA verdict, a response's answer): never rows. Scoring then reads
 * every joined input again and looks its partner up per row (score-inputs.ts).
 *
 * Deterministic rules, whatever the row order or thread count:
 * - several tickets with one key: the response attaches to the latest created (a tie: the one
 *   whose kept values sort first); the others have no response;
 * - several responses to one ticket: every one counts in the survey metrics, with the ticket's
 *   values; the ticket takes the latest submitted (a tie: the one whose values sort first) for its
 *   segments by survey columns and its watermelon answer.
 */
import { XlaError } from '../errors.js';
import type { CanonicalRow } from '../fields/types.js';
import { resolutionVerdict } from '../metrics/sla-verdict.js';
import type { SlaVerdict } from '../metrics/sla-verdict.js';
import type { MetricContext } from '../metrics/types.js';
import { feelingOf } from '../metrics/watermelon.js';
import type { Scales } from '../fields/types.js';
import { cellText, findNamedColumn, requireColumnSomewhere, SOURCE_INDEX } from './named-columns.js';
import type { PreparedSource } from './prepare-source.js';
import type { JoinKeys } from './run-types.js';
import type { InputJoin } from '../scorecard/model.js';

/** The virtual column of a ticket's SLA verdict: `--by sla_met`. */
export const SLA_MET_COLUMN = 'sla_met';
/** A response whose key matches no ticket, in a segment by a ticket column. */
export const NO_TICKET = '(no ticket)';
/** A ticket no response attaches to, in a segment by a survey column. */
export const NO_RESPONSE = '(no response)';
/** A ticket whose SLA cannot be judged (no made_sla, sla_due_at or target for its priority). */
const NO_SLA = '(no sla)';

const DEFAULT_KEYS = { survey: 'ticket_id', tickets: 'id' } as const;

/** A key as the join compares it: trimmed and case-folded; blank is no key. */
export function joinKey(cell: unknown): string {
  return cellText(cell).toLowerCase();
}

/**
 * `sla_met` of a ticket: met, breached, open (in flight: within its target, or no `asOf` to say
 * otherwise), or (no sla). An open ticket past due at `asOf` is breached, as sla_attainment counts it.
 */
function slaLabel(verdict: SlaVerdict | undefined, asOf: number | undefined): string {
  switch (verdict?.state) {
    case 'met':
    case 'breached':
      return verdict.state;
    case 'open':
      return asOf !== undefined && verdict.due < asOf ? 'breached' : 'open';
    case 'in_flight':
      return 'open';
    default:
      return NO_SLA;
  }
}

/** A row's cells, canonical row and join partner: what a `--by`/`--where` name is read from. */
export type NameReader = (cells: readonly unknown[], row: CanonicalRow, partner: Partner | undefined) => string;

/** What the join keeps of a ticket or a response: its texts of the run's names (undefined: its input lacks the name). */
export interface PartnerFacts {
  readonly texts: readonly (string | undefined)[];
  /** A response's answers, put on its ticket's row for the watermelon rates. */
  readonly nps?: number | undefined;
  readonly csat?: number | undefined;
}

/** A row's partner: its facts, or null when the join found none. */
export type Partner = PartnerFacts | null;

/** Which inputs take part in the join, and on which column each holds the key. */
export interface JoinPlan {
  /** Input index → key column, for the survey and tickets inputs that hold one. */
  readonly surveys: ReadonlyMap<number, number>;
  readonly tickets: ReadonlyMap<number, number>;
  /** The tickets inputs' names, for the report. */
  readonly ticketNames: readonly string[];
}

/**
 * The join of a run, or undefined when there is none: without `keys`, a run with a tickets input
 * binding `id` and a survey input binding `ticket_id`. With `keys` (`--join`, `join:`) both kinds
 * must be there and each key column found in at least one input of its kind; errors name the option.
 */
export function planJoin(keys: JoinKeys | undefined, sources: readonly PreparedSource[]): JoinPlan | undefined {
  const ofKind = (kind: 'survey' | 'tickets'): number[] => sources.flatMap((source, i) => (source.mapping.kind === kind ? [i] : []));
  const [surveys, tickets] = [ofKind('survey'), ofKind('tickets')];
  if (keys !== undefined && (surveys.length === 0 || tickets.length === 0)) {
    throw new XlaError(`${keys.origin}: the run has no ${surveys.length === 0 ? 'survey' : 'tickets'} input to join`, {
      hint: 'give a survey file and a tickets file in one run',
    });
  }
  const names = keys ?? DEFAULT_KEYS;
  const columns = (indices: readonly number[], name: string): Map<number, number> =>
    new Map(
      indices.flatMap((i) => {
        const column = findNamedColumn(name, sources[i] as PreparedSource);
        return column === undefined || column === SOURCE_INDEX ? [] : [[i, column] as const];
      }),
    );
  if (keys !== undefined) {
    requireColumnSomewhere(keys.survey, inputsAt(sources, surveys), `${keys.origin === 'join' ? 'join: survey' : '--join'}`);
    requireColumnSomewhere(keys.tickets, inputsAt(sources, tickets), `${keys.origin === 'join' ? 'join: tickets' : '--join'}`);
  }
  const plan = { surveys: columns(surveys, names.survey), tickets: columns(tickets, names.tickets) };
  if (keys !== undefined && (plan.surveys.size === 0 || plan.tickets.size === 0)) {
    // Only the virtual `source` column can get here: it names every input, never a key.
    throw new XlaError(`${keys.origin}: join on a column of the data, not on "source"`, {
      hint: 'name the key columns, e.g. --join ticket_id=id',
    });
  }
  if (plan.surveys.size === 0 || plan.tickets.size === 0) return undefined;
  return { ...plan, ticketNames: [...plan.tickets.keys()].map((i) => (sources[i] as PreparedSource).opened.name) };
}

function inputsAt(sources: readonly PreparedSource[], indices: readonly number[]): PreparedSource[] {
  return indices.map((i) => sources[i] as PreparedSource);
}

/** Where the chosen row of a key was read: the input and the row's place in its reading order. */
interface RowPlace {
  input: number;
  ordinal: number;
}

interface Candidate {
  /** Larger wins: created_at of a ticket, submitted_at of a response; undefined loses to any. */
  stamp: number | undefined;
  /** Smaller wins among equal stamps: the kept values as text, so equal rows are interchangeable. */
  fingerprint: string;
  facts: PartnerFacts;
  place: RowPlace;
}

function isBetter(a: Candidate, b: Candidate): boolean {
  const [x, y] = [a.stamp ?? Number.NEGATIVE_INFINITY, b.stamp ?? Number.NEGATIVE_INFINITY];
  return x !== y ? x > y : a.fingerprint < b.fingerprint;
}

/** Per key, the one candidate the rules choose, whatever order they are offered in; and how many keys repeat. */
export class KeyedChoice {
  readonly #chosen = new Map<string, Candidate>();
  #repeats = 0;

  offer(key: string, candidate: Candidate): void {
    const known = this.#chosen.get(key);
    if (known !== undefined) this.#repeats += 1;
    if (known === undefined || isBetter(candidate, known)) this.#chosen.set(key, candidate);
  }

  get(key: string): Candidate | undefined {
    return this.#chosen.get(key);
  }

  /** Candidates offered for a key already held: duplicate ticket ids, or further responses to one ticket. */
  get repeats(): number {
    return this.#repeats;
  }
}

/** The facts of one row, and the text that orders equal-stamped candidates. */
function factsOf(
  texts: readonly (string | undefined)[],
  answers: { nps?: number | undefined; csat?: number | undefined },
): { facts: PartnerFacts; fingerprint: string } {
  const facts = { texts, ...answers };
  return { facts, fingerprint: JSON.stringify([texts, answers.nps ?? null, answers.csat ?? null]) };
}

/** The candidate a ticket row makes: its texts (sla_met among them), and its own answer, which rules its watermelon rates first. */
export function ticketCandidate(row: CanonicalRow, texts: readonly (string | undefined)[], place: RowPlace): Candidate {
  const { facts, fingerprint } = factsOf(texts, { nps: row.nps, csat: row.csat ?? row.satisfaction });
  return { stamp: row.created_at, fingerprint, facts: { texts: facts.texts }, place };
}

export function responseCandidate(row: CanonicalRow, texts: readonly (string | undefined)[], place: RowPlace): Candidate {
  const { facts, fingerprint } = factsOf(texts, { nps: row.nps, csat: row.csat });
  return { stamp: row.submitted_at, fingerprint, facts, place };
}

/**
 * The row the watermelon rates read for a ticket: its own when it holds an answer, else the
 * attached response's answers on a copy (the reader reuses rows: the original is never changed).
 */
export function withResponseAnswer(row: CanonicalRow, partner: Partner | undefined, scales: Scales): CanonicalRow {
  if (partner === null || partner === undefined || feelingOf(row, scales) !== undefined) return row;
  return { ...row, nps: partner.nps, csat: partner.csat };
}

/** The `sla_met` reader of a tickets row; asOf decides whether an open ticket is past due. */
export function slaMetReader(context: MetricContext, asOf: number | undefined): NameReader {
  return (_cells, row) => slaLabel(resolutionVerdict(row, context), asOf);
}

/** How many of a survey input's responses found their ticket, for its `inputs[]` entry. */
export class MatchCount {
  matched = 0;
  unmatched = 0;

  summary(key: string, ticketNames: readonly string[]): InputJoin {
    return { with: [...ticketNames], key, matched: this.matched, unmatched: this.unmatched };
  }
}
