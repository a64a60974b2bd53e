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
const FLAG = '--no-allocation-site-pretenuring';

let applied = false;

/** For serving processes only, before they take load; once per process. */
export function tuneGarbageCollectionForServing(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString(FLAG);
}
