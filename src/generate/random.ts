/**
 * A small seeded random source, so the same seed always produces the same data.
 * sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator): 128 bits of state, a period far beyond the
 * billions of draws a ×100 run makes, and fast in plain JavaScript. Not for anything secret.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    // splitmix32 spreads the seed's hash over the four words, so nearby seeds give unrelated streams.
    let h = hashString(seed);
    const next = (): number => {
      h = (h + 0x9e3779b9) | 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i += 1) this.uint32();
  }

  /** A whole number in [0, 2^32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A number in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** One key of a weight table, chosen in proportion to its weight. */
  weighted<K extends string>(table: WeightTable<K>): K {
    const roll = this.float() * table.total;
    const { keys, cumulative } = table;
    for (let i = 0; i < keys.length; i += 1) if (roll < cumulative[i]!) return keys[i]!;
    return keys[keys.length - 1]!;
  }

  /** `count` different items, in random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i += 1) {
      const j = i + Math.floor(this.float() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }

  /** A version-4-shaped UUID drawn from this stream, so ids are as deterministic as the rest. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return (
      hex32(a) +
      '-' +
      HEX_BYTE[b >>> 24]! +
      HEX_BYTE[(b >>> 16) & 0xff]! +
      '-4' +
      HEX_BYTE[(b >>> 8) & 0xff]!.slice(1) +
      HEX_BYTE[b & 0xff]! +
      '-' +
      HEX_BYTE[((c >>> 24) & 0x3f) | 0x80]! +
      HEX_BYTE[(c >>> 16) & 0xff]! +
      '-' +
      HEX_BYTE[(c >>> 8) & 0xff]! +
      HEX_BYTE[c & 0xff]! +
      hex32(d)
    );
  }
}

// Two hex digits for every byte, so an id is a few lookups rather than number formatting.
const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (n: number): string => HEX_BYTE[n >>> 24]! + HEX_BYTE[(n >>> 16) & 0xff]! + HEX_BYTE[(n >>> 8) & 0xff]! + HEX_BYTE[n & 0xff]!;

/** A weight table prepared once: its keys and running totals, so a draw allocates nothing. */
export interface WeightTable<K extends string> {
  keys: readonly K[];
  cumulative: readonly number[];
  total: number;
}

export function weights<K extends string>(table: Readonly<Record<K, number>>): WeightTable<K> {
  const keys = Object.keys(table) as K[];
  const cumulative: number[] = [];
  let total = 0;
  for (const key of keys) {
    total += table[key];
    cumulative.push(total);
  }
  return { keys, cumulative, total };
}

/** FNV-1a, 32 bits: turns any seed text into a starting number. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Splits `total` into `weights.length` whole parts proportional to the weights (largest remainder),
 * each at least `minimum` when the total allows, so the parts always add up to exactly `total`.
 */
export function apportion(total: number, weights: readonly number[], minimum = 0): Int32Array {
  const parts = new Int32Array(weights.length);
  if (weights.length === 0) return parts;
  const floor = total >= minimum * weights.length ? minimum : 0;
  const rest = total - floor * weights.length;
  let sum = 0;
  for (const w of weights) sum += w;
  const remainders: Array<[number, number]> = [];
  let given = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const exact = sum > 0 ? (rest * weights[i]!) / sum : rest / weights.length;
    const whole = Math.floor(exact);
    parts[i] = floor + whole;
    given += whole;
    remainders.push([exact - whole, i]);
  }
  // Ties broken by position, so the split never depends on sort stability.
  remainders.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; k < rest - given; k += 1) {
    const i = remainders[k % remainders.length]![1];
    parts[i] = parts[i]! + 1;
  }
  return parts;
}
