import { type SelectQueryBuilder, sql } from 'kysely';
import { type PageRequest, pageOffset } from '../platform/pagination.ts';

/** `%` and `_` in what someone typed are literal characters, not wildcards. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface NameSearch {
  /** Part of the name, matched case-insensitively. */
  q?: string;
  /** Only rows whose type column holds this. */
  type?: string;
}

/**
 * One page of a registry (members, organisations: tables with a name, a slug and a type column),
 * searched by name and filtered by type, in name order, with how many match on all pages.
 * lower() keeps that order the same on both databases.
 */
export async function searchByName<DB, TB extends keyof DB, O>(
  table: SelectQueryBuilder<DB, TB, O>,
  typeColumn: keyof DB[TB] & string,
  search: NameSearch,
  request: PageRequest,
) {
  let query = table;
  if (search.q) query = query.where(sql<boolean>`lower(${sql.ref('name')}) like lower(${containsPattern(search.q)}) escape '\\'`);
  if (search.type) query = query.where(sql<boolean>`${sql.ref(typeColumn)} = ${search.type}`);
  const [items, counted] = await Promise.all([
    query
      .selectAll()
      .orderBy(sql`lower(${sql.ref('name')})`)
      .orderBy(sql.ref('slug'))
      .limit(request.perPage)
      .offset(pageOffset(request))
      .execute(),
    // The builder is generic here, so Kysely cannot see that this selects one column named count.
    query.select((eb) => eb.fn.countAll<number>().as('count')).$castTo<{ count: number }>().executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(counted.count), page: request.page, perPage: request.perPage };
}
