// The facet index's storage: columns of small integers, one entry per row, that a change to a few
// commitments updates in place instead of rebuilding. Rows are never renumbered: a new commitment takes a
// new row at the end, a deleted one leaves its row empty.

/** Code-unit order (SQLite's binary collation), the same on every database: how the index orders text. */
export const textOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Each distinct value once; rows hold its number. Values are never removed: an unused one simply counts 0. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  codeOf(value: string | null | undefined): number {
    if (value === null || value === undefined || value === '') return -1;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The value's number if it has one; -1 otherwise (never adds it). */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }
}

/** Grows a typed array to hold at least `size` entries, keeping its contents; new entries hold `fill`. */
export function grown<A extends Int32Array | Uint8Array | Uint16Array | Uint32Array>(array: A, size: number, fill: number): A {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (length: number) => A)(Math.max(size, Math.ceil(array.length * 1.5), 64));
  next.set(array);
  next.fill(fill, array.length);
  return next;
}

/** A single column's row codes: the narrowest array that holds its dictionary's numbers. */
export type RowCodes = Uint8Array | Uint16Array | Uint32Array;

/**
 * One value (or none) per row: a member, a status, a rating. Each row holds its value's number plus one, 0 for none,
 * in bytes while the column has fewer than 256 values (all but the member facet's): a search reads the columns of
 * scattered rows, and at ×100 four-byte columns no longer stay in the processor's caches.
 */
export class SingleColumn {
  readonly dictionary = new Dictionary();
  codes: RowCodes = new Uint8Array(0);
  /** Single columns have one value per row, so no offsets. */
  readonly offsets = null;

  get values(): string[] {
    return this.dictionary.values;
  }

  set(row: number, value: string | null | undefined): void {
    const code = this.dictionary.codeOf(value) + 1;
    if (code > 0xff && this.codes instanceof Uint8Array) this.codes = widened(this.codes, code);
    else if (code > 0xffff && this.codes instanceof Uint16Array) this.codes = widened(this.codes, code);
    this.codes = grown(this.codes, row + 1, 0);
    this.codes[row] = code;
  }

  /** The row's value number, -1 for none. */
  codeAt(row: number): number {
    return row < this.codes.length ? this.codes[row]! - 1 : -1;
  }

  valueOf(row: number): string | undefined {
    const code = this.codeAt(row);
    return code >= 0 ? this.dictionary.values[code] : undefined;
  }
}

function widened(codes: RowCodes, code: number): RowCodes {
  const wider = code > 0xffff ? new Uint32Array(codes.length) : new Uint16Array(codes.length);
  wider.set(codes);
  return wider;
}

/**
 * Any number of values per row (policy areas, OGP values), packed for the pass over the rows: row r's value
 * numbers are codes[offsets[r]] … codes[offsets[r + 1] - 1], in bytes while there are at most 256 values (the policy
 * areas at ×100 are two million codes: as four-byte numbers, counting them over a common word's matches took half
 * as long again). A change to some rows repacks the whole column, a copy of a few hundred thousand integers at most,
 * and only when those rows' values really changed.
 */
export class MultiColumn {
  readonly dictionary = new Dictionary();
  offsets = new Int32Array(1);
  codes: RowCodes = new Uint8Array(0);
  /**
   * While the column has at most MASK_VALUES values (the four OGP values): each row's values again as one byte, bit
   * v for value number v. A search reads scattered rows, and one byte a row stays in the processor's caches where
   * offsets and codes (five bytes and more) do not: counting a common word's matches took 110 µs rather than 245.
   */
  masks: Uint8Array | null = null;

  get values(): string[] {
    return this.dictionary.values;
  }

  valuesOf(row: number): string[] {
    if (row + 1 >= this.offsets.length) return [];
    return Array.from(this.codes.subarray(this.offsets[row]!, this.offsets[row + 1]!), (code) => this.dictionary.values[code]!);
  }

  /** Sets the values of the given rows (every other row keeps its own) for a column of `size` rows. */
  replace(size: number, changes: ReadonlyMap<number, readonly string[]>): void {
    const changed = new Map<number, number[]>();
    for (const [row, values] of changes) {
      const codes = [...new Set(values)].map((v) => this.dictionary.codeOf(v));
      if (!sameCodes(codes, this.codesOf(row))) changed.set(row, codes);
    }
    const known = this.offsets.length - 1;
    if (changed.size === 0 && size === known) return;
    const offsets = new Int32Array(size + 1);
    let total = 0;
    for (let row = 0; row < size; row++) {
      offsets[row] = total;
      total += changed.get(row)?.length ?? (row < known ? this.offsets[row + 1]! - this.offsets[row]! : 0);
    }
    offsets[size] = total;
    const codes = codesFor(this.dictionary.values.length, total);
    for (let row = 0; row < size; row++) {
      const replacement = changed.get(row);
      if (replacement) codes.set(replacement, offsets[row]!);
      else if (row < known) codes.set(this.codes.subarray(this.offsets[row]!, this.offsets[row + 1]!), offsets[row]!);
    }
    this.offsets = offsets;
    this.codes = codes;
    this.masks = this.dictionary.values.length <= MASK_VALUES ? masksOf(offsets, codes, size) : null;
  }

  private codesOf(row: number): RowCodes {
    return row + 1 < this.offsets.length ? this.codes.subarray(this.offsets[row]!, this.offsets[row + 1]!) : new Uint8Array(0);
  }
}

/** The most values a multi column may have for its rows to be kept as bit masks too: the bits of a byte. */
export const MASK_VALUES = 8;

function masksOf(offsets: Int32Array, codes: RowCodes, size: number): Uint8Array {
  const masks = new Uint8Array(size);
  for (let row = 0; row < size; row++) {
    let mask = 0;
    for (let i = offsets[row]!; i < offsets[row + 1]!; i++) mask |= 1 << codes[i]!;
    masks[row] = mask;
  }
  return masks;
}

/** The narrowest array for `length` value numbers of a dictionary of `values` values (numbered from 0). */
function codesFor(values: number, length: number): RowCodes {
  if (values <= 0x100) return new Uint8Array(length);
  return values <= 0x10000 ? new Uint16Array(length) : new Uint32Array(length);
}

const sameCodes = (a: readonly number[], b: RowCodes): boolean => a.length === b.length && a.every((code, i) => code === b[i]);

/**
 * Rows in one order (by title, by member, …), kept sorted as rows come and go: a few changed rows are taken
 * out and put back by binary search, many are re-sorted at once.
 */
export class RowOrder {
  rows = new Int32Array(0);
  length = 0;

  constructor(private readonly compare: (a: number, b: number) => number) {}

  /** Exactly these rows, sorted. */
  reset(rows: Int32Array): void {
    this.rows = rows.slice().sort(this.compare);
    this.length = rows.length;
  }

  /** Takes out every row marked in `out` (one pass), then puts `rows` in their places. */
  update(out: Uint8Array, rows: readonly number[]): void {
    let kept = 0;
    for (let k = 0; k < this.length; k++) {
      const row = this.rows[k]!;
      if (row >= out.length || out[row] === 0) this.rows[kept++] = row;
    }
    this.length = kept;
    // Past a few dozen, one sort is cheaper than moving the tail once per row.
    if (rows.length > 32) {
      this.rows = grown(this.rows, kept + rows.length, 0);
      this.rows.set(rows, kept);
      this.length = kept + rows.length;
      this.rows.subarray(0, this.length).sort(this.compare);
      return;
    }
    for (const row of rows) this.insert(row);
  }

  private insert(row: number): void {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.rows[middle]!, row) < 0) low = middle + 1;
      else high = middle;
    }
    this.rows = grown(this.rows, this.length + 1, 0);
    this.rows.copyWithin(low + 1, low, this.length);
    this.rows[low] = row;
    this.length++;
  }

  /** The rows in order (a view, valid until the next change). */
  view(): Int32Array {
    return this.rows.subarray(0, this.length);
  }
}
