/**
 * Frozen accumulator states (snapshot.ts) as JSON and back, bit for bit: the state encoding of
 * the `xla-partial/1` format (docs/partial-format.md). JSON alone would lose some of what states
 * hold — `-0`, `NaN` and `±Infinity` (JSON has no such numbers), `undefined`, typed arrays — so
 * those travel as tagged objects `{ "$": tag, … }`. A state's own key that starts with `$` is
 * written with one more `$` in front, so a tag can never be mistaken for data.
 *
 * Typed arrays are base64 of their bytes in little-endian order, which is what every platform
 * Node runs on uses; a big-endian machine is refused rather than read wrong.
 */
import type { FrozenState, ScorecardSnapshot } from './snapshot.js';

/** How a refusal of a partial tells the user to make one (xla merge, and the library's mergePartials). */
export const MAKE_PARTIAL_HINT = 'make partials with xla score --partial -o part.json (the same settings for every part)';

/** What JSON.stringify writes and JSON.parse gives back unchanged. */
export type JsonValue = number | string | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The tag key of an encoded value; a data key beginning with it is escaped by doubling. */
const TAG = '$';

type TypedArrayTag = 'f64' | 'u32' | 'i32';

/** Numbers JSON cannot hold, by their tag's `v`. */
const SPECIAL_NUMBERS: Readonly<Record<string, number>> = { '-0': -0, NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity };

const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A frozen state (or any plain data: the run's settings) as JSON that `decodeState` turns back into the same values. */
export function encodeState(state: unknown): JsonValue {
  if (state === undefined) return { [TAG]: 'undefined' };
  if (state === null || typeof state === 'string' || typeof state === 'boolean') return state;
  if (typeof state === 'number') return encodeNumber(state);
  if (state instanceof Float64Array) return encodeTypedArray('f64', state);
  if (state instanceof Uint32Array) return encodeTypedArray('u32', state);
  if (state instanceof Int32Array) return encodeTypedArray('i32', state);
  if (Array.isArray(state)) return state.map(encodeState);
  if (typeof state === 'object' && isPlain(state)) {
    return Object.fromEntries(Object.entries(state).map(([key, value]) => [escapeKey(key), encodeState(value)]));
  }
  throw new Error(`partial encoding: a state holds a ${typeof state === 'object' ? state.constructor.name : typeof state}`);
}

/** The value `encodeState` was given; an InvalidEncoding (with the JSON path) for anything it cannot have written. */
export function decodeState(json: unknown, path = ''): FrozenState {
  if (json === null || typeof json === 'string' || typeof json === 'boolean' || typeof json === 'number') return json;
  if (Array.isArray(json)) return json.map((item: unknown, i) => decodeState(item, `${path}[${String(i)}]`));
  if (typeof json !== 'object') throw new InvalidEncoding(path, `a ${typeof json}`);
  if (Object.hasOwn(json, TAG)) return decodeTagged(json as Record<string, unknown>, path);
  return Object.fromEntries(Object.entries(json).map(([key, value]) => [unescapeKey(key), decodeState(value, `${path}.${key}`)]));
}

/** A snapshot's cells with their states encoded; segments, periods and fed flags are JSON already. */
export function encodeSnapshot(snapshot: ScorecardSnapshot): JsonValue {
  return {
    fingerprint: snapshot.fingerprint,
    cells: snapshot.cells.map((cell) => ({
      segment: cell.segment,
      period: cell.period,
      fed: cell.fed,
      states: cell.states.map((state) => (state === null ? null : encodeState(state))),
    })),
  };
}

/** A snapshot from its encoded form, its shape checked (a cell has a state or null per fed flag). */
export function decodeSnapshot(json: unknown, path: string): ScorecardSnapshot {
  if (!isRecord(json) || typeof json.fingerprint !== 'string' || !Array.isArray(json.cells)) {
    throw new InvalidEncoding(path, 'not a scorecard snapshot (fingerprint, cells)');
  }
  const cells = json.cells.map((cell: unknown, i) => {
    const at = `${path}.cells[${String(i)}]`;
    if (!isRecord(cell)) throw new InvalidEncoding(at, 'not a cell');
    const { segment, period, fed, states } = cell;
    if (segment !== null && !isStringArray(segment)) throw new InvalidEncoding(`${at}.segment`, 'not null or a list of texts');
    if (period !== null && typeof period !== 'string') throw new InvalidEncoding(`${at}.period`, 'not null or a text');
    if (!Array.isArray(fed) || !fed.every((flag) => typeof flag === 'boolean'))
      throw new InvalidEncoding(`${at}.fed`, 'not a list of booleans');
    if (!Array.isArray(states) || states.length !== fed.length) throw new InvalidEncoding(`${at}.states`, 'not one state per fed flag');
    return {
      segment: segment === null ? null : [...segment],
      period,
      fed: [...fed] as boolean[],
      states: states.map((state: unknown, slot) => (state === null ? null : decodeState(state, `${at}.states[${String(slot)}]`))),
    };
  });
  return { fingerprint: json.fingerprint, cells };
}

/** A value an encoder of this format cannot have written; `path` says where (`.scorecard.cells[3].states[0]`). */
export class InvalidEncoding extends Error {
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`${path === '' ? 'the value' : path}: ${what}`);
  }
}

function encodeNumber(value: number): JsonValue {
  if (Number.isFinite(value) && !Object.is(value, -0)) return value;
  return { [TAG]: 'number', v: Object.is(value, -0) ? '-0' : String(value) };
}

function encodeTypedArray(tag: TypedArrayTag, array: Float64Array | Uint32Array | Int32Array): JsonValue {
  requireLittleEndian();
  return { [TAG]: tag, b: bytesToBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)) };
}

function decodeTagged(json: Record<string, unknown>, path: string): FrozenState {
  const tag = json[TAG];
  if (tag === 'undefined') return undefined;
  if (tag === 'number') {
    const v = json.v;
    if (typeof v !== 'string' || !Object.hasOwn(SPECIAL_NUMBERS, v)) throw new InvalidEncoding(path, 'an unknown special number');
    return SPECIAL_NUMBERS[v] as number;
  }
  if (tag === 'f64' || tag === 'u32' || tag === 'i32') {
    if (typeof json.b !== 'string') throw new InvalidEncoding(path, `a ${tag} array without its base64 bytes`);
    return decodeTypedArray(tag, json.b, path) as unknown as FrozenState;
  }
  throw new InvalidEncoding(path, `an unknown tag ${JSON.stringify(tag)}`);
}

function decodeTypedArray(tag: TypedArrayTag, base64: string, path: string): Float64Array | Uint32Array | Int32Array {
  requireLittleEndian();
  const bytes = base64ToBytes(base64, path);
  const width = tag === 'f64' ? 8 : 4;
  if (bytes.byteLength % width !== 0) throw new InvalidEncoding(path, `${String(bytes.byteLength)} bytes are not whole ${tag} values`);
  if (tag === 'f64') return new Float64Array(bytes.buffer, 0, bytes.byteLength / 8);
  return tag === 'u32' ? new Uint32Array(bytes.buffer, 0, bytes.byteLength / 4) : new Int32Array(bytes.buffer, 0, bytes.byteLength / 4);
}

function requireLittleEndian(): void {
  if (!isLittleEndian) throw new Error('xla partials are written and read on little-endian machines only');
}

/** Chunks keep String.fromCharCode's argument list short. */
const CHUNK = 0x8000;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHUNK) binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  return btoa(binary);
}

function base64ToBytes(base64: string, path: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new InvalidEncoding(path, 'not base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function escapeKey(key: string): string {
  return key.startsWith(TAG) ? `${TAG}${key}` : key;
}

function unescapeKey(key: string): string {
  return key.startsWith(TAG) ? key.slice(TAG.length) : key;
}

function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
