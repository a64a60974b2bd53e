import type { Translate } from '../../platform/i18n.ts';
import { MEMBER_STATUSES } from '../commitments/commitment-status.ts';
import { cohortForYear, COHORTS } from './cohorts.ts';
import { MEMBER_TYPES } from './member-types.ts';
import type { MemberRow } from './members.repository.ts';
import { COHORT_FROM_YEAR } from './members.service.ts';
import { REGIONS, regionKey } from './regions.ts';

// Translated choices and labels the members pages share.

interface Item {
  value: string;
  text: string;
}

export const typeItems = (t: Translate): Item[] => MEMBER_TYPES.map((type) => ({ value: type, text: t(`members.types.${type}`) }));

export const regionItems = (t: Translate, blank: string): Item[] => [
  { value: '', text: blank },
  ...REGIONS.map((region) => ({ value: region, text: t(regionKey(region) ?? region) })),
];

export const statusItems = (t: Translate): Item[] => MEMBER_STATUSES.map((status) => ({ value: status, text: t(`members.statuses.${status}`) }));

export const cohortItems = (t: Translate): Item[] => [
  { value: COHORT_FROM_YEAR, text: t('members.form.cohortFromYear') },
  ...COHORTS.map((cohort) => ({ value: cohort, text: t(`members.cohorts.${cohort}`) })),
];

/** A region's name in the reader's language; a value outside the four is shown as stored. */
export const regionName = (t: Translate, region: string | null): string | null => (region ? t(regionKey(region) ?? region) : null);

export const statusName = (t: Translate, status: string): string => t(`members.statuses.${status}`, { defaultValue: status });

/** The cohort radio that stands for the stored value: "from the year" when it is the year's cohort. */
export const cohortChoice = (m: Pick<MemberRow, 'cohort' | 'joined_year'>): string =>
  m.cohort === null || m.cohort === cohortForYear(m.joined_year) ? COHORT_FROM_YEAR : m.cohort;

/** The values an edit form starts with: the record as it is now. */
export const formValues = (m: MemberRow): Record<string, string> => ({
  name: m.name,
  countryCode: m.country_code ?? '',
  joinedYear: m.joined_year === null ? '' : String(m.joined_year),
  joinedOn: m.joined_on ?? '',
  ogpCode: m.ogp_code ?? '',
  region: m.region ?? '',
  cohort: cohortChoice(m),
});
