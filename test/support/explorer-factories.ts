import type { Db } from '../../src/db/database.ts';
import type { MissingCode } from '../../src/db/irm-fields.ts';
import type { ActionPlansTable, CommitmentsTable, MembersTable } from '../../src/db/schema.ts';
import { createActionPlan, createCommitment, type CommitmentOptions } from './commitment-factories.ts';
import { createMember } from './factories.ts';

// A small, fully known set of commitments for the explorer, the API and similar commitments: every
// count a test asserts can be read off this file.

export interface StarOptions {
  formula: '2015' | 'current';
  report: 'progress' | 'end_of_term';
  starred?: boolean;
  missing?: MissingCode;
}

/** A commitment with stars as well as createCommitment's tags and ratings. */
export async function createExploredCommitment(db: Db, options: CommitmentOptions & { stars?: StarOptions[] }): Promise<CommitmentsTable> {
  const { stars = [], ...rest } = options;
  const commitment = await createCommitment(db, rest);
  for (const star of stars) {
    await db
      .insertInto('commitment_stars')
      .values({
        commitment_id: commitment.id,
        formula: star.formula,
        report: star.report,
        starred: star.starred === undefined ? null : star.starred ? 1 : 0,
        missing: star.missing ?? null,
      })
      .execute();
  }
  return commitment;
}

export interface ExplorerFixture {
  albania: MembersTable;
  kenya: MembersTable;
  buenosAires: MembersTable;
  albaniaPlan: ActionPlansTable;
  albaniaNewPlan: ActionPlansTable;
  kenyaPlan: ActionPlansTable;
  buenosAiresPlan: ActionPlansTable;
  commitments: Record<string, CommitmentsTable>;
}

/**
 * Three members in three regions (one local), four plans and seven commitments:
 *
 * | ogp_id | member       | plan      | status      | policy areas           | impact         | star 2015 progress |
 * |--------|--------------|-----------|-------------|------------------------|----------------|--------------------|
 * | AL0001 | Albania      | 2012-2014 | complete    | Open Data              | transformative | yes                |
 * | AL0002 | Albania      | 2012-2014 | limited     | Open Data, Open Budget | moderate       | no                 |
 * | AL0010 | Albania      | 2020-2022 | not_started | Justice                | ND             | NR                 |
 * | KE0001 | Kenya        | 2016-2018 | substantial | Open Data              | moderate       | yes                |
 * | KE0002 | Kenya        | 2016-2018 | complete    | (none)                 | NR             | (none)             |
 * | KE0003 | Kenya        | 2016-2018 | withdrawn   | Open Budget            | (no IRM)       | (none)             |
 * | BA0001 | Buenos Aires | 2018-2020 | limited     | Justice                | minor          | (none)             |
 */
export async function createExplorerFixture(db: Db): Promise<ExplorerFixture> {
  const albania = await createMember(db, { name: 'Albania', ogpCode: 'ALB', region: 'Europe', countryCode: 'AL' });
  const kenya = await createMember(db, { name: 'Kenya', ogpCode: 'KEN', region: 'Africa and the Middle East', countryCode: 'KE' });
  const buenosAires = await createMember(db, { name: 'Buenos Aires', memberType: 'local', ogpCode: 'ARBA', region: 'Americas' });
  const albaniaPlan = await createActionPlan(db, { member_id: albania.id, number: 1, start_date: '2012-07-01', end_date: '2014-06-30' });
  const albaniaNewPlan = await createActionPlan(db, { member_id: albania.id, number: 2, start_date: '2020-09-01', end_date: '2022-08-31' });
  const kenyaPlan = await createActionPlan(db, { member_id: kenya.id, number: 1, start_date: '2016-09-01', end_date: '2018-08-31' });
  const buenosAiresPlan = await createActionPlan(db, { member_id: buenosAires.id, number: 1, start_date: '2018-09-01', end_date: '2020-08-31' });

  const commitments: Record<string, CommitmentsTable> = {};
  commitments.AL0001 = await createExploredCommitment(db, {
    plan_id: albaniaPlan.id,
    ogp_id: 'AL0001',
    title: 'Open data portal for public procurement',
    full_text: 'Publish every public procurement contract on an open data portal, with contracting data in open formats.',
    implementation_status: 'complete',
    policyAreas: ['Open Data'],
    irm: { potential_impact: 'transformative', relevance_access_to_information: 'yes', relevance_civic_participation: 'no', completion_progress: 'complete' },
    stars: [
      { formula: '2015', report: 'progress', starred: true },
      { formula: 'current', report: 'progress', starred: true },
    ],
  });
  commitments.AL0002 = await createExploredCommitment(db, {
    plan_id: albaniaPlan.id,
    ogp_id: 'AL0002',
    title: 'e-Acts: legal acts online',
    full_text: 'The e-Acts system supports the preparation and approval of legal acts and the budget of the Council of Ministers.',
    implementation_status: 'limited',
    policyAreas: ['Open Budget', 'Open Data'],
    irm: { potential_impact: 'moderate', relevance_access_to_information: 'yes', relevance_civic_participation: 'yes', completion_progress: 'limited' },
    stars: [
      { formula: '2015', report: 'progress', starred: false },
      { formula: 'current', report: 'progress', starred: false },
    ],
  });
  commitments.AL0010 = await createExploredCommitment(db, {
    plan_id: albaniaNewPlan.id,
    ogp_id: 'AL0010',
    title: 'Participación ciudadana en la justicia',
    full_text: 'Audiencias públicas sobre la reforma judicial.',
    implementation_status: 'not_started',
    policyAreas: ['Justice'],
    irm: { potential_impact: 'no_data', relevance_access_to_information: 'no_data', potential_for_results: 'modest' },
    stars: [{ formula: '2015', report: 'progress', missing: 'not_reviewed' }],
  });
  commitments.KE0001 = await createExploredCommitment(db, {
    plan_id: kenyaPlan.id,
    ogp_id: 'KE0001',
    title: 'Open contracting portal',
    full_text: 'Kenya will publish public procurement contracts and tenders on an open contracting portal in open data formats.',
    implementation_status: 'substantial',
    policyAreas: ['Open Data'],
    irm: { potential_impact: 'moderate', relevance_access_to_information: 'yes', relevance_public_accountability: 'yes', completion_progress: 'substantial' },
    stars: [{ formula: '2015', report: 'progress', starred: true }],
  });
  commitments.KE0002 = await createExploredCommitment(db, {
    plan_id: kenyaPlan.id,
    ogp_id: 'KE0002',
    title: 'Beneficial ownership register',
    full_text: 'A public register of the beneficial owners of companies.',
    implementation_status: 'complete',
    irm: { potential_impact: 'not_reviewed', relevance_public_accountability: 'yes' },
  });
  commitments.KE0003 = await createExploredCommitment(db, {
    plan_id: kenyaPlan.id,
    ogp_id: 'KE0003',
    title: 'Citizen budget',
    full_text: 'A plain-language citizen budget every year.',
    implementation_status: 'withdrawn',
    policyAreas: ['Open Budget'],
  });
  commitments.BA0001 = await createExploredCommitment(db, {
    plan_id: buenosAiresPlan.id,
    ogp_id: 'BA0001',
    title: 'Wildlife survey of the river delta',
    full_text: 'Count the birds and fish of the delta with volunteers.',
    implementation_status: 'limited',
    policyAreas: ['Justice'],
    irm: { potential_impact: 'minor' },
  });
  return { albania, kenya, buenosAires, albaniaPlan, albaniaNewPlan, kenyaPlan, buenosAiresPlan, commitments };
}
