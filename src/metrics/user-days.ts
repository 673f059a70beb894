import { firstDayOfMonth, monthDayOf, type MonthDay } from '../time/calendar-days.js';

/**
 * The days each user was active on (active users, metrics/usage.ts), exactly and in memory that
 * follows users × active months, not events. Days are whole numbers (day 0 = 1970-01-01 on the
 * run's wall clock, time/calendar-days.ts); a user's days of one calendar month are one 31-bit mask,
 * so a user active on every day of a month costs one entry, and any number of events on one day
 * cost nothing more.
 *
 * User ids are interned by a UserIds that the states of one accumulator share (one scorecard in one
 * thread): an entry holds the user's number, not its text, and a busy user's id is kept once per
 * thread instead of once per cell. Entries live in an open-addressing hash table of three typed
 * arrays (user, month, day mask: 12 bytes a slot, at most half full), so a cell is a few arrays,
 * not an object per user. A state crosses threads in a plain form (`freeze`) that names its users
 * by their ids; the revived state interns them afresh, and merging two states of different interners
 * goes through the ids.
 */

/** One entry per (user, calendar month); the table doubles past half full. */
const INITIAL_SLOTS = 64;
const EMPTY = -1;
/** Interned user ids: the same id gets the same number for as long as the interner lives. */
export class UserIds {
  readonly #numbers = new Map<string, number>();
  readonly #ids: string[] = [];

  numberOf(id: string): number {
    let number = this.#numbers.get(id);
    if (number === undefined) {
      number = this.#ids.length;
      // A new user's id may be a slice of a whole chunk of the file; a flat copy lets the chunk go.
      const own = flatCopy(id);
      this.#numbers.set(own, number);
      this.#ids.push(own);
    }
    return number;
  }

  idOf(number: number): string {
    return this.#ids[number] as string;
  }
}

/** A copy that shares no memory with the text it was cut from (V8 keeps sliced strings as views). */
function flatCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/** The plain form of a UserDays (snapshot.ts): its users by id, and per entry the user's position in `userDayIds`. */
export interface FrozenUserDays {
  readonly userDayIds: readonly string[];
  readonly userDayUsers: Int32Array<ArrayBuffer>;
  readonly userDayMonths: Int32Array<ArrayBuffer>;
  readonly userDayMasks: Int32Array<ArrayBuffer>;
}

export function isFrozenUserDays(value: object): value is FrozenUserDays {
  return 'userDayIds' in value && 'userDayMasks' in value && value.userDayMasks instanceof Int32Array;
}

/** A state's entries by user (UserDays#byUser). */
interface Grouped {
  firstDays: Int32Array;
  masks: Int32Array;
  ends: Int32Array;
}

export class UserDays {
  readonly ids: UserIds;
  #users: Int32Array<ArrayBuffer>;
  #months: Int32Array<ArrayBuffer>;
  #masks: Int32Array<ArrayBuffer>;
  #size = 0;
  #edits = 0;
  /** A revived state's plain form, until its table is needed (#thaw). */
  #pending: FrozenUserDays | undefined;
  /** forEachUser's order, until the next change. */
  #grouped: Grouped | undefined;
  /** The last day asked about and its month: rows of one day come together. */
  #lastDay = Number.NaN;
  #lastMonthDay: MonthDay = { month: 0, dayOfMonth: 0 };

  constructor(ids: UserIds, slots: number = INITIAL_SLOTS) {
    this.ids = ids;
    this.#users = new Int32Array(slots).fill(EMPTY);
    this.#months = new Int32Array(slots);
    this.#masks = new Int32Array(slots);
  }

  /** Entries: (user, month) pairs with at least one active day. */
  get entries(): number {
    return this.#pending?.userDayMasks.length ?? this.#size;
  }

  /** Changes so far (a day new to its user): what was worked out from the state holds while they stay the same. */
  get edits(): number {
    this.#thaw();
    return this.#edits;
  }

  /** The first and last active day of any user; ±Infinity when there is none. */
  daySpan(): readonly [number, number] {
    this.#thaw();
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (let slot = 0; slot < this.#users.length; slot++) {
      if (this.#users[slot] === EMPTY) continue;
      const start = firstDayOfMonth(this.#months[slot] as number);
      const mask = this.#masks[slot] as number;
      first = Math.min(first, start + 31 - Math.clz32(mask & -mask));
      last = Math.max(last, start + 31 - Math.clz32(mask));
    }
    return [first, last];
  }

  /** The user with this id was active on this day. */
  add(id: string, day: number): void {
    this.#thaw();
    const user = this.ids.numberOf(id);
    if (day !== this.#lastDay) {
      this.#lastDay = day;
      this.#lastMonthDay = monthDayOf(day);
    }
    const { month, dayOfMonth } = this.#lastMonthDay;
    this.#orMask(user, month, 1 << dayOfMonth);
  }

  /** Every day of `other` added here; `other` is not changed. */
  merge(other: UserDays): void {
    this.#thaw();
    if (other.#pending !== undefined) {
      this.#orFrozen(other.#pending);
      return;
    }
    const users = other.#users;
    const sameIds = other.ids === this.ids;
    for (let slot = 0; slot < users.length; slot++) {
      const user = users[slot] as number;
      if (user === EMPTY) continue;
      const own = sameIds ? user : this.ids.numberOf(other.ids.idOf(user));
      this.#orMask(own, other.#months[slot] as number, other.#masks[slot] as number);
    }
  }

  /**
   * Calls `visit` once per user with the user's active days, ascending. The array is reused: it is
   * valid only during the call. Users come in no particular order.
   */
  forEachUser(visit: (days: readonly number[]) => void): void {
    this.#thaw();
    const { firstDays, masks, ends } = this.#byUser();
    const days: number[] = [];
    let at = 0;
    for (const end of ends) {
      days.length = 0;
      for (; at < end; at++) {
        const firstDay = firstDays[at] as number;
        for (let mask = masks[at] as number, bit = 0; mask !== 0; bit++, mask >>>= 1) if ((mask & 1) !== 0) days.push(firstDay + bit);
      }
      visit(days);
    }
  }

  /**
   * The entries grouped by user, each user's in ascending month (as the month's first day and the
   * mask), and where each user's group ends: a counting sort by user number (dense), O(entries +
   * users) where a comparison sort of 2.4M entries took ~1 s; copied out of the table so that
   * every later walk reads memory in order (reading the table by slot cost a cache miss an entry).
   * Kept until the next change: every window of a finish walks it.
   */
  #byUser(): Grouped {
    if (this.#grouped !== undefined) return this.#grouped;
    const userSlots = this.#users;
    let users = 0;
    for (const user of userSlots) if (user >= users) users = user + 1;
    const starts = new Int32Array(users + 1);
    for (const user of userSlots) if (user !== EMPTY) starts[user + 1] = (starts[user + 1] as number) + 1;
    for (let user = 0; user < users; user++) starts[user + 1] = (starts[user + 1] as number) + (starts[user] as number);
    const next = starts.slice(0, users);
    const months = new Int32Array(this.#size);
    const masks = new Int32Array(this.#size);
    userSlots.forEach((user, slot) => {
      if (user === EMPTY) return;
      const at = next[user] as number;
      next[user] = at + 1;
      // Insertion by month within the user's group: a user has a few months, rarely more than a dozen.
      const month = this.#months[slot] as number;
      let to = at;
      for (; to > (starts[user] as number) && (months[to - 1] as number) > month; to--) {
        months[to] = months[to - 1] as number;
        masks[to] = masks[to - 1] as number;
      }
      months[to] = month;
      masks[to] = this.#masks[slot] as number;
    });
    const ends: number[] = [];
    for (let user = 0; user < users; user++)
      if ((starts[user + 1] as number) > (starts[user] as number)) ends.push(starts[user + 1] as number);
    this.#grouped = { firstDays: months.map(firstDayOfMonth), masks, ends: Int32Array.from(ends) };
    return this.#grouped;
  }

  freeze(): FrozenUserDays {
    if (this.#pending !== undefined) return this.#pending;
    const positions = new Map<number, number>();
    const ids: string[] = [];
    const users = new Int32Array(this.#size);
    const months = new Int32Array(this.#size);
    const masks = new Int32Array(this.#size);
    let at = 0;
    for (let slot = 0; slot < this.#users.length; slot++) {
      const user = this.#users[slot] as number;
      if (user === EMPTY) continue;
      let position = positions.get(user);
      if (position === undefined) {
        position = ids.length;
        positions.set(user, position);
        ids.push(this.ids.idOf(user));
      }
      users[at] = position;
      months[at] = this.#months[slot] as number;
      masks[at] = this.#masks[slot] as number;
      at += 1;
    }
    return { userDayIds: ids, userDayUsers: users, userDayMonths: months, userDayMasks: masks };
  }

  /** A state of its own interner from a frozen one (another thread's). */
  static revive(frozen: FrozenUserDays): UserDays {
    const revived = new UserDays(new UserIds(), 1);
    revived.#pending = frozen;
    return revived;
  }

  /**
   * A revived state is kept in its plain form until something needs its table: merged into another
   * state (what a thread's part is for), its days go straight into that state's table under that
   * state's interner, so no interner and table are built for it (at 10M events on two threads,
   * one interner per revived cell held each user's id a dozen times).
   */
  #thaw(): void {
    const frozen = this.#pending;
    if (frozen === undefined) return;
    this.#pending = undefined;
    this.#users = new Int32Array(slotsFor(frozen.userDayMasks.length)).fill(EMPTY);
    this.#months = new Int32Array(this.#users.length);
    this.#masks = new Int32Array(this.#users.length);
    this.#orFrozen(frozen);
  }

  #orFrozen(frozen: FrozenUserDays): void {
    const numbers = frozen.userDayIds.map((id) => this.ids.numberOf(id));
    frozen.userDayMasks.forEach((mask, i) =>
      this.#orMask(numbers[frozen.userDayUsers[i] as number] as number, frozen.userDayMonths[i] as number, mask),
    );
  }

  #orMask(user: number, month: number, mask: number): void {
    if (2 * (this.#size + 1) > this.#users.length) this.#grow();
    const last = this.#users.length - 1;
    let slot = hashOf(user, month) & last;
    for (;;) {
      const held = this.#users[slot] as number;
      if (held === EMPTY) {
        this.#users[slot] = user;
        this.#months[slot] = month;
        this.#masks[slot] = mask;
        this.#size += 1;
        this.#edits += 1;
        this.#grouped = undefined;
        return;
      }
      if (held === user && this.#months[slot] === month) {
        const before = this.#masks[slot] as number;
        if ((before | mask) !== before) {
          this.#masks[slot] = before | mask;
          this.#edits += 1;
          this.#grouped = undefined;
        }
        return;
      }
      slot = (slot + 1) & last;
    }
  }

  #grow(): void {
    const users = this.#users;
    const months = this.#months;
    const masks = this.#masks;
    this.#users = new Int32Array(2 * users.length).fill(EMPTY);
    this.#months = new Int32Array(2 * users.length);
    this.#masks = new Int32Array(2 * users.length);
    this.#size = 0;
    for (let slot = 0; slot < users.length; slot++) {
      const user = users[slot] as number;
      if (user !== EMPTY) this.#orMask(user, months[slot] as number, masks[slot] as number);
    }
  }
}

/** A power of two at least twice the entries (the table stays at most half full). */
function slotsFor(entries: number): number {
  let slots = INITIAL_SLOTS;
  while (slots < 2 * (entries + 1)) slots *= 2;
  return slots;
}

/** Mixes both numbers into the low bits (murmur3's finaliser); consecutive users spread over the table. */
function hashOf(user: number, month: number): number {
  let h = Math.imul(user, 0x9e3779b1) ^ Math.imul(month, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}
