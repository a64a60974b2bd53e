import { slugify } from '../../platform/ids.ts';

// Path segments that are routes of their own, so no record may take them as its address.
const RESERVED_SLUGS = new Set(['new']);

/** The slug for a new record: from its name, with -2, -3… added until it is free. */
export function chooseSlug(name: string, fallback: string, taken: ReadonlySet<string>): string {
  const base = slugify(name) || fallback;
  const free = (slug: string): boolean => !taken.has(slug) && !RESERVED_SLUGS.has(slug);
  if (free(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (free(candidate)) return candidate;
  }
}

/** The slug base a name produces, for looking up the slugs that might collide with it. */
export const slugBase = (name: string, fallback: string): string => slugify(name) || fallback;

/**
 * True when a write broke a UNIQUE constraint. Two people creating records with the same name
 * at the same moment can both see a slug as free; the loser retries with a fresh look.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== 'object' || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const SLUG_ATTEMPTS = 3;

/** Runs a whole transaction again when it lost a race for a slug. */
export async function retryOnSlugRace<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= SLUG_ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}
