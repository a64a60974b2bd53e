// OGP names each commitment with a letter prefix and a four-digit number: AL0002 is an Albanian commitment.
// The prefix is mostly the country's ISO 3166-1 alpha-2 code, but not always (the United Kingdom's are UK…,
// Morocco's MO…, and local members have three letters of their own: BUE… for Buenos Aires). So a new
// commitment takes the prefix its member's commitments already use, and only a member with none yet takes
// its country's alpha-2 code. The number is the next after the highest in use with that prefix, whoever's.

const ID_PATTERN = /^([A-Z]{2,3})(\d{4})$/;
export const ID_DIGITS = 4;
export const ID_NUMBER_MAX = 9999;

/** The prefix and number of an id in OGP's pattern, or null for any other shape. */
export function splitCommitmentId(id: string): { prefix: string; number: number } | null {
  const match = ID_PATTERN.exec(id);
  return match ? { prefix: match[1]!, number: Number(match[2]) } : null;
}

export const commitmentIdFor = (prefix: string, number: number): string => `${prefix}${String(number).padStart(ID_DIGITS, '0')}`;

/**
 * The prefix for a member's next commitment: the one most of its commitments carry (ties go to the
 * alphabetically first, so the answer never depends on row order), else its country code; null with neither.
 */
export function choosePrefix(memberIds: readonly string[], countryCode: string | null): string | null {
  const counts = new Map<string, number>();
  for (const id of memberIds) {
    const parts = splitCommitmentId(id);
    if (parts) counts.set(parts.prefix, (counts.get(parts.prefix) ?? 0) + 1);
  }
  const [best] = [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (best) return best[0];
  const country = (countryCode ?? '').trim().toUpperCase();
  return /^[A-Z]{2}$/.test(country) ? country : null;
}

/** The number after the highest taken with this prefix (1 when none is); null when the four digits are used up. */
export function nextIdNumber(prefix: string, takenIds: readonly string[]): number | null {
  let highest = 0;
  for (const id of takenIds) {
    const parts = splitCommitmentId(id);
    if (parts && parts.prefix === prefix) highest = Math.max(highest, parts.number);
  }
  return highest < ID_NUMBER_MAX ? highest + 1 : null;
}
