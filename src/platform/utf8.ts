/**
 * A rendered page as UTF-8 bytes, in one pass. Sent as a string, a page is walked twice (once to count its bytes
 * for Content-Length, once more to encode it as it is written) and, being built from thousands of pieces, is
 * flattened first. Most pages are under 10% longer in bytes than in characters, so that much room is tried first;
 * text that did not fit is encoded again at its exact length.
 */
export function utf8Bytes(text: string): Buffer {
  const room = Buffer.allocUnsafe(Math.ceil(text.length * 1.1) + 64);
  const written = room.write(text);
  // A character takes at most 4 bytes: with 4 bytes to spare, nothing was left out.
  return written <= room.length - 4 ? room.subarray(0, written) : Buffer.from(text);
}
