import v8 from 'node:v8';

// V8 watches where objects are allocated and, once enough of a site's objects outlive a young-generation collection,
// allocates everything from that site straight into the old generation ("pretenuring"). Under load, a page render's
// short-lived strings (the template's pieces and the flattened body) ended up there: sampled allocations showed
// each commitment page's body collected only by full collections, young collections copying 4-7 MB each time, and
// a full collection every 2.5 s. Whether V8 made that decision depended on timing, so the same load ran at 775 or
// 1,300 commitment pages a second from one start to the next. With pretenuring off (×10 data, 32 connections):
// young collections 2.0 s → 0.46 s in 10 s, no full collections, and 1,250-1,550 pages a second in nine runs of
// ten. Nothing in the platform keeps objects long enough for pretenuring to pay off: its long-lived data are caches,
// built once and promoted the ordinary way.
const NO_PRETENURING = '--no-allocation-site-pretenuring';

// After each full collection V8 lets the old generation grow to up to four times what survived before the next one,
// choosing the factor from how fast collections ran against the program: timing again. An export of every
// commitment keeps about 15 MB alive and turns over 2 GB (×10 data); what reaches the old generation in between is
// all garbage. Its peak memory went from 162 to 223 MB between identical runs, depending on that factor and on
// pretenuring. With growth capped at 1.5× and pretenuring off: 160-175 MB in each of 24 runs, in the same time.
const BOUNDED_GROWTH = '--heap-growing-percent=50';

const applied = new Set<string>();

function apply(flags: string): void {
  if (applied.has(flags)) return;
  applied.add(flags);
  v8.setFlagsFromString(flags);
}

/** For serving processes only, before they take load; once per process. */
export function tuneGarbageCollectionForServing(): void {
  apply(NO_PRETENURING);
}

/** For a one-off command that streams the whole database through memory once (an export), before it starts. */
export function tuneGarbageCollectionForStreaming(): void {
  apply(NO_PRETENURING);
  apply(BOUNDED_GROWTH);
}
