// A search's matches as two typed arrays, and how they are read from the one row the database answers with:
// the matches joined into texts, which cost far less to send and split than a row per match (a common word
// matches hundreds of thousands of commitments at ×100).

export interface PackedMatches {
  docs: Int32Array;
  /** Parallel to docs when ranked; null otherwise. */
  scores: Float64Array | null;
}

/** The row a packed-matches query returns: comma-separated document numbers and scores, null when none matched. */
export interface PackedRow {
  docs: string | null;
  scores: string | null;
}

const split = (list: string | null | undefined): string[] => (list ? list.split(',') : []);

export function unpackMatches(row: PackedRow | undefined, ranked: boolean): PackedMatches {
  return { docs: Int32Array.from(split(row?.docs), Number), scores: ranked ? Float64Array.from(split(row?.scores), Number) : null };
}
