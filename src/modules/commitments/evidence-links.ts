// Evidence links as people type them (one address per line) and as they are stored (a JSON array).

export const EVIDENCE_LINKS_MAX = 20;
export const EVIDENCE_LINK_LENGTH_MAX = 2000;

export type EvidenceProblem = { key: string; params?: Record<string, string | number> };

/** A web address a reader can follow: http or https, with a host. */
export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The links in a textarea, one per line, blank lines skipped and repeats dropped; or the first problem
 * with them, naming the line so the person can find it.
 */
export function parseEvidenceLinks(text: string | undefined): { links: string[] } | { problem: EvidenceProblem } {
  const lines = (text ?? '').split(/\r\n?|\n/).map((line) => line.trim());
  const links: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    if (line.length > EVIDENCE_LINK_LENGTH_MAX) return { problem: { key: 'commitments.errors.evidenceTooLong', params: { line: index + 1, max: EVIDENCE_LINK_LENGTH_MAX } } };
    if (!isWebAddress(line)) return { problem: { key: 'commitments.errors.evidenceInvalid', params: { line: index + 1 } } };
    if (!links.includes(line)) links.push(line);
  }
  if (links.length > EVIDENCE_LINKS_MAX) return { problem: { key: 'commitments.errors.evidenceTooMany', params: { max: EVIDENCE_LINKS_MAX } } };
  return { links };
}

/**
 * The stored links, for showing. Imported rows may hold anything, so only web addresses are
 * returned: a page must never link to a javascript: address.
 */
export function storedEvidenceLinks(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && isWebAddress(item)) : [];
  } catch {
    return [];
  }
}

/** The stored links back in the textarea, one per line, for an edit form. */
export const evidenceLinksText = (json: string | null | undefined): string => storedEvidenceLinks(json).join('\n');
