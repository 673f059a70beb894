/**
 * A joined run's two steps around scoring (join.ts has the rules): the index pass, which reads
 * every joined input once and keeps per key the chosen ticket and response; and each input's
 * side of the join, which gives the scoring pass a row's partner and the names read through it.
 */
import { XlaError } from '../errors.js';
import type { FieldId } from '../fields/types.js';
import type { MetricContext } from '../metrics/types.js';
import { ANSWER_FIELDS, WATERMELON_METRICS } from '../metrics/watermelon.js';
import type { InputJoin } from '../scorecard/model.js';
import {
  joinKey,
  KeyedChoice,
  MatchCount,
  NO_RESPONSE,
  NO_TICKET,
  responseCandidate,
  SLA_MET_COLUMN,
  slaMetReader,
  ticketCandidate,
} from './join.js';
import type { JoinPlan, NameReader, Partner } from './join.js';
import { cellText, findNamedColumn, SOURCE_INDEX } from './named-columns.js';
import type { PreparedSource } from './prepare-source.js';
import type { ScoreOptions } from './run-types.js';

/** Metrics fed a ticket row with its response's answer (the watermelon rates). */
export const ANSWER_METRIC_IDS: ReadonlySet<string> = new Set(WATERMELON_METRICS.map((metric) => metric.id));

/** Every name the run reads from rows: `--by`, `--where` columns, the targets' `each` and `where` columns. */
export function namesRead(options: Pick<ScoreOptions, 'by' | 'where' | 'targets'>): string[] {
  const targets = options.targets ?? [];
  const names = [
    ...options.by,
    ...options.where.map((filter) => filter.column),
    ...targets.flatMap((rule) => [...(rule.each === null ? [] : [rule.each]), ...Object.keys(rule.where)]),
  ];
  return [...new Set(names)];
}

/**
 * A name read from the row itself: its column (or the virtual `source`), or a ticket's `sla_met`
 * verdict when the input has no column of that name. Undefined: the input cannot give it.
 */
export function ownReader(name: string, source: PreparedSource, context: MetricContext, asOf: number | undefined): NameReader | undefined {
  const column = findNamedColumn(name, source);
  if (column === SOURCE_INDEX) return () => source.opened.name;
  if (column !== undefined) return (cells) => cellText(cells[column]);
  if (name === SLA_MET_COLUMN && source.mapping.kind === 'tickets') return slaMetReader(context, asOf);
  return undefined;
}

/** Whether some input of the run can give the name from its own rows (`sla_met`: any tickets input). */
export function isReadSomewhere(name: string, sources: readonly PreparedSource[]): boolean {
  return sources.some(
    (source) => findNamedColumn(name, source) !== undefined || (name === SLA_MET_COLUMN && source.mapping.kind === 'tickets'),
  );
}

/** The chosen ticket and response per key. */
export interface JoinIndex {
  tickets: KeyedChoice;
  responses: KeyedChoice;
}

/**
 * The index pass: reads each joined input to its end. Surveys first, so that only tickets that
 * have a response are kept (a survey is usually far smaller than the ticket export it samples).
 * The sources are used up; scoring prepares them again. Standard input cannot be read twice, so
 * it cannot take part.
 */
export async function indexJoin(
  plan: JoinPlan,
  prepared: readonly PreparedSource[],
  names: readonly string[],
  context: MetricContext,
  asOf: number | undefined,
): Promise<JoinIndex> {
  for (const i of [...plan.surveys.keys(), ...plan.tickets.keys()]) {
    const source = prepared[i] as PreparedSource;
    if (source.input.path === '-') {
      throw new XlaError(`standard input cannot be joined: a join reads its ${source.mapping.kind} twice`, {
        hint: 'save the data to a file and name the file instead of -',
      });
    }
  }
  const walk = async (input: number, column: number, keep: (key: string) => boolean, choice: KeyedChoice, candidate: MakeCandidate) => {
    const source = prepared[input] as PreparedSource;
    const readers = names.map((name) => ownReader(name, source, context, asOf));
    let ordinal = -1;
    await source.forEachRow((record, outcome) => {
      ordinal += 1;
      const row = outcome.row;
      const key = joinKey(record.cells[column]);
      if (row === null || key === '' || !keep(key)) return;
      const texts = readers.map((read) => read?.(record.cells, row, undefined));
      choice.offer(key, candidate(row, texts, { input, ordinal }));
    });
  };
  const responses = new KeyedChoice();
  for (const [input, column] of plan.surveys) await walk(input, column, () => true, responses, responseCandidate);
  const tickets = new KeyedChoice();
  const isAnswered = (key: string): boolean => responses.get(key) !== undefined;
  for (const [input, column] of plan.tickets) await walk(input, column, isAnswered, tickets, ticketCandidate);
  return { tickets, responses };
}

type MakeCandidate = typeof ticketCandidate;

/** One input's side of the join, for its scoring pass. */
export interface JoinSide {
  /** The row's partner; called once per accepted row, in reading order. */
  partnerOf(cells: readonly unknown[], ordinal: number): Partner;
  /** A name the input lacks, read from the partner; undefined when no partner input has it either. */
  partnerReader(name: string): NameReader | undefined;
  /** Fields the partner brings to the rates that read them (a response's answers, on a ticket). */
  joinedFields: ReadonlySet<FieldId>;
  /** The input's `join` entry in the report (survey inputs), and the note when some responses found no ticket. */
  summary(): { join?: InputJoin; note?: string };
}

/**
 * The answer fields a joined tickets input gets from its responses (those the survey inputs bind),
 * by input index: known from the plan alone, so metrics are chosen before the index pass.
 */
export function joinedAnswerFields(plan: JoinPlan, sources: readonly PreparedSource[]): Map<number, ReadonlySet<FieldId>> {
  const answers = new Set<FieldId>(
    [...plan.surveys.keys()].flatMap((i) =>
      (sources[i] as PreparedSource).mapping.bindings
        .map((binding) => binding.field.id)
        .filter((id) => (ANSWER_FIELDS as readonly FieldId[]).includes(id)),
    ),
  );
  return new Map([...plan.tickets.keys()].map((input) => [input, answers]));
}

/** Each joined input's side, by input index. */
export function joinSides(
  plan: JoinPlan,
  index: JoinIndex,
  sources: readonly PreparedSource[],
  names: readonly string[],
): Map<number, JoinSide> {
  const readableIn = (indices: Iterable<number>) => {
    const inputs = [...indices].map((i) => sources[i] as PreparedSource);
    return (name: string) => isReadSomewhere(name, inputs);
  };
  const partnerReaders = (hasName: (name: string) => boolean, none: string) => (name: string) => {
    const at = names.indexOf(name);
    if (at < 0 || !hasName(name)) return undefined;
    const read: NameReader = (_cells, _row, partner) => (partner === null || partner === undefined ? none : (partner.texts[at] ?? ''));
    return read;
  };
  const answers = joinedAnswerFields(plan, sources);
  const sides = new Map<number, JoinSide>();
  const ticketReader = partnerReaders(readableIn(plan.tickets.keys()), NO_TICKET);
  for (const [input, column] of plan.surveys) {
    const count = new MatchCount();
    const source = sources[input] as PreparedSource;
    sides.set(input, {
      partnerOf(cells) {
        const ticket = index.tickets.get(joinKey(cells[column]));
        if (ticket === undefined) count.unmatched += 1;
        else count.matched += 1;
        return ticket?.facts ?? null;
      },
      partnerReader: ticketReader,
      joinedFields: new Set(),
      summary() {
        const join = count.summary(source.opened.columns[column] ?? '', plan.ticketNames);
        const responses = count.matched + count.unmatched;
        const note =
          count.unmatched === 0
            ? undefined
            : `${count.unmatched} of ${responses} responses match no ticket in ${plan.ticketNames.join(', ')}: they count in the overall rows, and as ${NO_TICKET} in breakdowns by a ticket column`;
        return { join, ...(note === undefined ? {} : { note }) };
      },
    });
  }
  const firstTickets = Math.min(...plan.tickets.keys());
  const responseReader = partnerReaders(readableIn(plan.surveys.keys()), NO_RESPONSE);
  for (const [input, column] of plan.tickets) {
    sides.set(input, {
      partnerOf(cells, ordinal) {
        const key = joinKey(cells[column]);
        const ticket = index.tickets.get(key);
        // A repeated id: only the ticket the rules chose takes the response.
        if (ticket === undefined || ticket.place.input !== input || ticket.place.ordinal !== ordinal) return null;
        return index.responses.get(key)?.facts ?? null;
      },
      partnerReader: responseReader,
      joinedFields: answers.get(input) ?? new Set(),
      // Said once, on the first tickets input: the repeats are counted over all of them.
      summary: () => (input === firstTickets && index.tickets.repeats > 0 ? { note: repeatNote(index.tickets.repeats) } : {}),
    });
  }
  return sides;
}

function repeatNote(repeats: number): string {
  return `${repeats} ${repeats === 1 ? 'ticket with a response repeats an id' : 'tickets with a response repeat an id'} another ticket has: the responses to that id attach to the latest created`;
}
