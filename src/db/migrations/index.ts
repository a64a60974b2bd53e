import type { Migration } from 'kysely';
import * as foundation from './20261127160000_foundation.ts';
import * as mailClaims from './20261127170000_mail_claims.ts';
import * as commitments from './20261127180000_commitments.ts';
import * as commitmentSearch from './20261127180100_commitment_search.ts';
import * as strategy from './20261127180200_strategy.ts';
import * as selfAssessments from './20261127180400_self_assessments.ts';
import * as indicatorActuals from './20261127180600_indicator_actuals.ts';
import * as commitmentLinksIndex from './20261127190000_commitment_links_index.ts';
import * as commitmentPageVersion from './20261127200000_commitment_page_version.ts';
import * as pagesPerformance from './20261127202000_pages_performance.ts';
import * as explorerChanges from './20261127203000_explorer_changes.ts';
import * as bulkSearchLoad from './20261127204500_bulk_search_load.ts';
import * as searchTermCounts from './20261129140000_search_term_counts.ts';
import * as memberPageVersion from './20261129170000_member_page_version.ts';
import * as planPageVersion from './20261129171000_plan_page_version.ts';

// Listed by hand so the set of migrations is fixed at build time, in timestamp order.
export const migrations: Record<string, Migration> = {
  '20261127160000_foundation': foundation,
  '20261127170000_mail_claims': mailClaims,
  '20261127180000_commitments': commitments,
  '20261127180100_commitment_search': commitmentSearch,
  '20261127180200_strategy': strategy,
  '20261127180400_self_assessments': selfAssessments,
  '20261127180600_indicator_actuals': indicatorActuals,
  '20261127190000_commitment_links_index': commitmentLinksIndex,
  '20261127200000_commitment_page_version': commitmentPageVersion,
  '20261127202000_pages_performance': pagesPerformance,
  '20261127203000_explorer_changes': explorerChanges,
  '20261127204500_bulk_search_load': bulkSearchLoad,
  '20261129140000_search_term_counts': searchTermCounts,
  '20261129170000_member_page_version': memberPageVersion,
  '20261129171000_plan_page_version': planPageVersion,
};
