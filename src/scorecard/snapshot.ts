/**
 * A scorecard's cells as plain data, to cross a worker boundary (structuredClone / postMessage):
 * accumulator states are plain objects of numbers and arrays of numbers (the exact sums of
 * stats/exact-sum.ts, which a clone carries bit for bit), except the ValueBuffers of exact
 * percentiles, SLA and backlog, which travel as tagged Float64Arrays and are revived on the other side,
 * and the UserDays of active users, which travel with their users' ids (metrics/user-days.ts).
 */
import { IdHashes } from '../stats/id-hashes.js';
import { ValueBuffer } from '../stats/percentile.js';
import { isFrozenUserDays, UserDays, type FrozenUserDays } from '../metrics/user-days.js';

/**
 * Where a ValueBuffer stood in a state: its values, in the arrays it kept them in — copies, so
 * that transferring them detaches nothing live, unless the snapshot consumed its scorecard.
 */
export interface FrozenValueBuffer {
  readonly valueParts: readonly Float64Array<ArrayBuffer>[];
}

/** Where an IdHashes stood in a state: its hash words (two per id). */
export interface FrozenIdHashes {
  readonly idHashWords: Uint32Array<ArrayBuffer>;
}

/** A state with every ValueBuffer and IdHashes frozen: numbers, strings, booleans, null, nested objects and arrays. */
export type FrozenState =
  | number
  | string
  | boolean
  | null
  | undefined
  | FrozenValueBuffer
  | FrozenIdHashes
  | FrozenUserDays
  | readonly FrozenState[]
  | { readonly [key: string]: FrozenState };

export interface CellSnapshot {
  segment: string[] | null;
  period: string | null;
  /** Per state slot: whether rows of a source that feeds the slot reached this cell. */
  fed: boolean[];
  /** Per state slot; null where the cell has no state for it. */
  states: (FrozenState | null)[];
}

export interface ScorecardSnapshot {
  /** The plan's metric ids, `by` and period: only a scorecard of the same plan can absorb it. */
  fingerprint: string;
  cells: CellSnapshot[];
}

/** What identifies a plan's cells and slots (cheap: compared once per absorbed snapshot). */
export function planFingerprint(plan: { metrics: readonly { id: string }[]; by: readonly string[]; period: string | null }): string {
  return JSON.stringify([plan.metrics.map((metric) => metric.id), plan.by, plan.period]);
}

/** Accumulator states hold nothing but these; anything else would not survive the trip intact. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isPrimitive(value: unknown): value is number | string | boolean | null | undefined {
  return value === null || value === undefined || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/**
 * The state with each ValueBuffer replaced by its frozen form; the state itself is not touched.
 * With `share`, a buffer's values are not copied: the state must not be used afterwards.
 */
export function freezeState(state: unknown, { share = false }: { share?: boolean } = {}): FrozenState {
  if (isPrimitive(state)) return state;
  // Nothing to convert, and nobody uses the state again: no copy (a copy of every cell's counts
  // was most of the cost of a worker's snapshot with many cells).
  if (share && isFrozenAlready(state)) return state;
  if (state instanceof ValueBuffer) return { valueParts: share ? state.parts() : state.parts().map((part) => part.slice()) };
  if (state instanceof IdHashes) return { idHashWords: state.words({ share }) };
  if (state instanceof UserDays) return state.freeze();
  if (Array.isArray(state)) return state.map((item) => freezeState(item, { share }));
  if (isPlainObject(state)) return Object.fromEntries(Object.entries(state).map(([key, value]) => [key, freezeState(value, { share })]));
  // A new kind of state (a Map, a class) must get a plain form here before it can cross a worker boundary.
  const kind = typeof state === 'object' ? state.constructor.name : typeof state;
  throw new Error(`scorecard snapshot: a state holds a ${kind}, which has no plain form`);
}

/** Plain objects, arrays and primitives all the way down: its own frozen form. */
function isFrozenAlready(state: unknown, depth = 0): state is FrozenState {
  if (isPrimitive(state)) return true;
  if (depth > 8) return false;
  if (Array.isArray(state)) return state.every((item) => isFrozenAlready(item, depth + 1));
  return isPlainObject(state) && Object.values(state).every((value) => isFrozenAlready(value, depth + 1));
}

/** Unambiguous: `freezeState` refuses bare typed arrays, so only a frozen ValueBuffer holds them. */
function isFrozenValueBuffer(value: object): value is FrozenValueBuffer {
  return 'valueParts' in value && Array.isArray(value.valueParts) && value.valueParts.every((part) => part instanceof Float64Array);
}

function isFrozenIdHashes(value: object): value is FrozenIdHashes {
  return 'idHashWords' in value && value.idHashWords instanceof Uint32Array;
}

/**
 * A fresh state from a frozen one: new objects and buffers, nothing shared with the snapshot —
 * unless `adopt` is set, when the value arrays are taken over as they are (the snapshot is spent).
 */
export function reviveState(frozen: FrozenState, { adopt = false }: { adopt?: boolean } = {}): unknown {
  if (typeof frozen !== 'object' || frozen === null) return frozen;
  if (isFrozenValueBuffer(frozen)) return ValueBuffer.adopt(adopt ? frozen.valueParts : frozen.valueParts.map((part) => part.slice()));
  if (isFrozenIdHashes(frozen)) return IdHashes.adopt(adopt ? frozen.idHashWords : frozen.idHashWords.slice());
  if (isFrozenUserDays(frozen)) return UserDays.revive(frozen);
  if (Array.isArray(frozen)) return frozen.map((item) => reviveState(item, { adopt }));
  return Object.fromEntries(Object.entries(frozen).map(([key, value]) => [key, reviveState(value, { adopt })]));
}

/** The buffers a snapshot can hand over instead of copying: `postMessage(snapshot, transferList(snapshot))`. */
export function transferList(snapshot: ScorecardSnapshot): ArrayBuffer[] {
  return snapshot.cells.flatMap((cell) => cell.states.flatMap(frozenBuffers));
}

function frozenBuffers(frozen: FrozenState | null): ArrayBuffer[] {
  if (typeof frozen !== 'object' || frozen === null) return [];
  if (isFrozenValueBuffer(frozen)) return frozen.valueParts.map((part) => part.buffer);
  if (isFrozenIdHashes(frozen)) return [frozen.idHashWords.buffer];
  if (isFrozenUserDays(frozen)) return [frozen.userDayUsers.buffer, frozen.userDayMonths.buffer, frozen.userDayMasks.buffer];
  return Object.values(frozen).flatMap(frozenBuffers);
}
