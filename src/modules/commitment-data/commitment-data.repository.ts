import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type {
  AuditEventsTable,
  CommitmentInstitutionsTable,
  CommitmentStarsTable,
  CommitmentTagsTable,
  CommitmentsTable,
  IrmAssessmentsTable,
  OrganisationsTable,
} from '../../db/schema.ts';

// SQL for the bulk import: whole tables read once into maps, rows written in batches. Batches stay
// well under SQLite's 32,766 bound parameters (and PostgreSQL's 65,535) whatever the column count.

const PARAMETERS_PER_STATEMENT = 30_000;

/** Splits rows so no statement binds more parameters than the databases allow. */
function chunks<T extends object>(rows: readonly T[]): T[][] {
  if (rows.length === 0) return [];
  const size = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / Object.keys(rows[0]!).length));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export interface KnownMember {
  id: string;
  name: string;
  member_type: string;
  ogp_code: string | null;
  region: string | null;
  country_code: string | null;
}

export function listKnownMembers(db: DbOrTrx): Promise<KnownMember[]> {
  return db.selectFrom('members').select(['id', 'name', 'member_type', 'ogp_code', 'region', 'country_code']).execute();
}

export async function fillMemberCodes(db: DbOrTrx, memberId: string, values: { ogp_code: string | null; region: string | null }): Promise<void> {
  await db.updateTable('members').set(values).where('id', '=', memberId).execute();
}

export interface KnownPlan {
  id: string;
  ogp_id: string;
  member_id: string;
  number: number;
}

export function listKnownPlans(db: DbOrTrx): Promise<KnownPlan[]> {
  return db.selectFrom('action_plans').select(['id', 'ogp_id', 'member_id', 'number']).execute();
}

/** Every commitment's OGP id and row id: what decides whether a row is created or updated. */
export async function commitmentIdsByOgpId(db: DbOrTrx): Promise<Map<string, string>> {
  const rows = await db.selectFrom('commitments').select(['id', 'ogp_id']).execute();
  return new Map(rows.map((r) => [r.ogp_id, r.id]));
}

export type KnownOrganisation = Pick<OrganisationsTable, 'id' | 'name' | 'country' | 'slug'>;

export function listKnownOrganisations(db: DbOrTrx): Promise<KnownOrganisation[]> {
  return db.selectFrom('organisations').select(['id', 'name', 'country', 'slug']).execute();
}

export async function insertOrganisations(db: DbOrTrx, rows: readonly OrganisationsTable[]): Promise<void> {
  for (const batch of chunks(rows)) await db.insertInto('organisations').values(batch).execute();
}

/** Audit events written together; each still belongs to the transaction that makes its change. */
export async function insertAuditEvents(db: DbOrTrx, rows: readonly Insertable<AuditEventsTable>[]): Promise<void> {
  for (const batch of chunks(rows)) await db.insertInto('audit_events').values(batch).execute();
}

/** The columns an import sets on a commitment; the rest (progress, narrative parts, links) are the platform's. */
export const IMPORTED_COLUMNS = [
  'plan_id',
  'member_id',
  'number',
  'title',
  'short_title',
  'full_text',
  'theme',
  'start_date',
  'end_date',
  'source',
  'source_url',
  'sheet_row_json',
] as const satisfies ReadonlyArray<keyof CommitmentsTable>;

export type ImportedColumns = Pick<CommitmentsTable, (typeof IMPORTED_COLUMNS)[number]>;

/** What is stored about a set of commitments, as an import compares it with what it would write. */
export interface StoredCommitments {
  commitments: Array<ImportedColumns & { id: string }>;
  tags: CommitmentTagsTable[];
  institutions: CommitmentInstitutionsTable[];
  irm: IrmAssessmentsTable[];
  stars: CommitmentStarsTable[];
}

export async function loadStoredCommitments(db: DbOrTrx, ids: readonly string[]): Promise<StoredCommitments> {
  if (ids.length === 0) return { commitments: [], tags: [], institutions: [], irm: [], stars: [] };
  const list = [...ids];
  // One after the other: a transaction holds a single connection.
  const commitments = await db.selectFrom('commitments').select(['id', ...IMPORTED_COLUMNS]).where('id', 'in', list).execute();
  const tags = await db.selectFrom('commitment_tags').selectAll().where('commitment_id', 'in', list).execute();
  const institutions = await db.selectFrom('commitment_institutions').selectAll().where('commitment_id', 'in', list).execute();
  const irm = await db.selectFrom('irm_assessments').selectAll().where('commitment_id', 'in', list).execute();
  const stars = await db.selectFrom('commitment_stars').selectAll().where('commitment_id', 'in', list).execute();
  return { commitments, tags, institutions, irm, stars };
}

/**
 * Inserts new commitments and updates existing ones by OGP id in one statement per batch. An update
 * sets only the imported columns (and updated_at): progress and the platform's own fields stay.
 */
export async function upsertCommitments(db: DbOrTrx, rows: readonly CommitmentsTable[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await db
      .insertInto('commitments')
      .values(batch)
      .onConflict((oc) =>
        oc.column('ogp_id').doUpdateSet((eb) => ({
          ...Object.fromEntries(IMPORTED_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export interface CommitmentChildren {
  tags: CommitmentTagsTable[];
  institutions: CommitmentInstitutionsTable[];
  irm: IrmAssessmentsTable[];
  stars: CommitmentStarsTable[];
}

/** Replaces the tags, institutions, IRM assessment and stars of these commitments with the given rows. */
export async function replaceCommitmentChildren(db: DbOrTrx, ids: readonly string[], children: CommitmentChildren): Promise<void> {
  if (ids.length === 0) return;
  const list = [...ids];
  await db.deleteFrom('commitment_tags').where('commitment_id', 'in', list).execute();
  await db.deleteFrom('commitment_institutions').where('commitment_id', 'in', list).execute();
  await db.deleteFrom('irm_assessments').where('commitment_id', 'in', list).execute();
  await db.deleteFrom('commitment_stars').where('commitment_id', 'in', list).execute();
  for (const batch of chunks(children.tags)) await db.insertInto('commitment_tags').values(batch).execute();
  for (const batch of chunks(children.institutions)) await db.insertInto('commitment_institutions').values(batch).execute();
  for (const batch of chunks(children.irm)) await db.insertInto('irm_assessments').values(batch).execute();
  for (const batch of chunks(children.stars)) await db.insertInto('commitment_stars').values(batch).execute();
}
