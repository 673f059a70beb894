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
/** Months since year 0 (year × 12 + month) stay below 2¹⁶ until year 5461: a sort key is user × 2¹⁶ + month. */
const MONTH_SPAN = 65_536;

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

/** The calendar month of a day and the day's place in it (0 = the 1st). */
interface MonthDay {
  month: number;
  dayOfMonth: number;
}

export class UserDays {
  readonly ids: UserIds;
  #users: Int32Array<ArrayBuffer>;
  #months: Int32Array<ArrayBuffer>;
  #masks: Int32Array<ArrayBuffer>;
  #size = 0;
  #edits = 0;
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
    return this.#size;
  }

  /** Changes so far (a day new to its user): what was worked out from the state holds while they stay the same. */
  get edits(): number {
    return this.#edits;
  }

  /** The first and last active day of any user; ±Infinity when there is none. */
  daySpan(): readonly [number, number] {
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
    this.addNumbered(this.ids.numberOf(id), day);
  }

  addNumbered(user: number, day: number): void {
    if (day !== this.#lastDay) {
      this.#lastDay = day;
      this.#lastMonthDay = monthDayOf(day);
    }
    const { month, dayOfMonth } = this.#lastMonthDay;
    this.#orMask(user, month, 1 << dayOfMonth);
  }

  /** Every day of `other` added here; `other` is not changed. */
  merge(other: UserDays): void {
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
   * Calls `visit` once per user with the user's active days, ascending (a fresh array each time).
   * Users come in no particular order.
   */
  forEachUser(visit: (days: readonly number[]) => void): void {
    const keys = new Float64Array(this.#size);
    const slots = new Int32Array(this.#size);
    let at = 0;
    for (let slot = 0; slot < this.#users.length; slot++) {
      const user = this.#users[slot] as number;
      if (user !== EMPTY) keys[at++] = user * MONTH_SPAN + (this.#months[slot] as number);
    }
    keys.sort();
    for (let i = 0; i < keys.length; i++)
      slots[i] = this.#slotOf(Math.floor((keys[i] as number) / MONTH_SPAN), (keys[i] as number) % MONTH_SPAN);
    let days: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      const slot = slots[i] as number;
      const month = this.#months[slot] as number;
      const firstDay = firstDayOfMonth(month);
      let mask = this.#masks[slot] as number;
      for (let bit = 0; mask !== 0; bit++, mask >>>= 1) if ((mask & 1) !== 0) days.push(firstDay + bit);
      const next = i + 1 < keys.length ? Math.floor((keys[i + 1] as number) / MONTH_SPAN) : EMPTY;
      if (next !== this.#users[slot]) {
        visit(days);
        days = [];
      }
    }
  }

  freeze(): FrozenUserDays {
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
    const ids = new UserIds();
    const numbers = frozen.userDayIds.map((id) => ids.numberOf(id));
    const revived = new UserDays(ids, slotsFor(frozen.userDayMasks.length));
    frozen.userDayMasks.forEach((mask, i) =>
      revived.#orMask(numbers[frozen.userDayUsers[i] as number] as number, frozen.userDayMonths[i] as number, mask),
    );
    return revived;
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
        return;
      }
      if (held === user && this.#months[slot] === month) {
        const before = this.#masks[slot] as number;
        if ((before | mask) !== before) {
          this.#masks[slot] = before | mask;
          this.#edits += 1;
        }
        return;
      }
      slot = (slot + 1) & last;
    }
  }

  #slotOf(user: number, month: number): number {
    const last = this.#users.length - 1;
    let slot = hashOf(user, month) & last;
    while (this.#users[slot] !== user || this.#months[slot] !== month) slot = (slot + 1) & last;
    return slot;
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

/**
 * Civil date from a day number (H. Hinnant's civil_from_days): the month as year × 12 + month − 1
 * (time/calendar-days.ts numbers months the same way) and the day's place in it.
 */
export function monthDayOf(day: number): MonthDay {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March … 11 = February
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5);
  const month = shiftedMonth < 10 ? shiftedMonth + 2 : shiftedMonth - 10; // 0 = January
  const year = yearOfEra + era * 400 + (month < 2 ? 1 : 0);
  return { month: year * 12 + month, dayOfMonth };
}

/** The day number of the 1st of a month numbered year × 12 + month − 1 (Hinnant's days_from_civil). */
export function firstDayOfMonth(month: number): number {
  const calendarMonth = month % 12; // 0 = January
  const year = Math.floor(month / 12) - (calendarMonth < 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const shiftedMonth = calendarMonth < 2 ? calendarMonth + 10 : calendarMonth - 2;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5);
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
