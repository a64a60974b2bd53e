import { textOrder } from './explorer.columns.ts';

// Which values a facet lists: the most frequent. At ×100 the member facet counts some twenty thousand members for a
// common word, and sorting every count to find the hundredth largest took a tenth of a search.

/**
 * The `max`-th largest of a tally's counts above 0 (entry 0, which counts rows with no value, is left out); 0 when
 * fewer than `max` counts are above 0. A heap keeps the largest `max` so far; most counts fall below its root, the
 * least of them, and cost one comparison.
 */
export function leastListed(tally: Int32Array, max: number): number {
  if (max < 1) return Number.POSITIVE_INFINITY;
  const heap = new Int32Array(max);
  let n = 0;
  for (let code = 1; code < tally.length; code++) {
    const count = tally[code]!;
    if (count === 0) continue;
    if (n < max) {
      let i = n++;
      while (i > 0 && heap[(i - 1) >> 1]! > count) {
        heap[i] = heap[(i - 1) >> 1]!;
        i = (i - 1) >> 1;
      }
      heap[i] = count;
    } else if (count > heap[0]!) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= max) break;
        const child = left + 1 < max && heap[left + 1]! < heap[left]! ? left + 1 : left;
        if (heap[child]! >= count) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = count;
    }
  }
  return n < max ? 0 : heap[0]!;
}

/** Each value's place in text order, by value number; kept per list of values and worked out again only when values were added. */
const ranksByValues = new WeakMap<readonly string[], Int32Array>();

export function textRanks(values: readonly string[]): Int32Array {
  let ranks = ranksByValues.get(values);
  if (ranks?.length !== values.length) {
    const order = Array.from(values.keys()).sort((a, b) => textOrder(values[a]!, values[b]!));
    const placed = new Int32Array(values.length);
    order.forEach((code, place) => {
      placed[code] = place;
    });
    ranksByValues.set(values, placed);
    ranks = placed;
  }
  return ranks;
}

/**
 * The tally entries (value number plus one) of the `max` largest counts above 0, largest first, equal counts in the
 * text order of their values. Equal counts are many at ×100 (a few hundred members counted twice or three times for
 * a common word), and ordering them by comparing their names took a twentieth of a search; their ranks are numbers.
 */
export function mostFrequentEntries(tally: Int32Array, values: readonly string[], max: number): number[] {
  const least = Math.max(1, leastListed(tally, max));
  const ranks = textRanks(values);
  const entries: number[] = [];
  for (let entry = 1; entry < tally.length; entry++) if (tally[entry]! >= least) entries.push(entry);
  return entries.sort((a, b) => tally[b]! - tally[a]! || ranks[a - 1]! - ranks[b - 1]!).slice(0, max);
}
