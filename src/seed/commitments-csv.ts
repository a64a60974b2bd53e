import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import countries from 'i18n-iso-countries';
import { isCountryCode } from '../modules/members/country-codes.ts';
import type { MemberType } from '../modules/members/member-types.ts';
import { DEFAULT_COMMITMENTS_CSV } from './data-files.ts';
import { SeedDataError } from './errors.ts';

const COLUMN_NAME = 'Country/Locality';
const COLUMN_KIND = 'National Or Local';
const COLUMN_CODE = 'Code';

// The data labels members "National", or "Legacy Local" for the pre-2020 subnational programme.
// Anything else (the file has "Other" for Kosovo, which is not an OGP member) is not a member type we hold.
const KIND_TO_MEMBER_TYPE: Record<string, MemberType> = {
  National: 'national',
  Local: 'local',
  'Legacy Local': 'local',
};

export interface CsvMember {
  /** As the data spells it; local members read "Place, Country". */
  name: string;
  memberType: MemberType;
  /** ISO 3166-1 alpha-2 code of the member's country, or null when the data's code does not give one. */
  countryCode: string | null;
}

/**
 * The data codes national members by ISO 3166-1 alpha-3 (USA) and local ones by the country's
 * alpha-2 followed by a subdivision (ARBA: Buenos Aires, AR). The platform stores alpha-2.
 */
export function countryCodeFromDataCode(code: string, memberType: MemberType): string | null {
  const upper = code.trim().toUpperCase();
  let alpha2: string | undefined;
  if (memberType === 'national') alpha2 = /^[A-Z]{3}$/.test(upper) ? countries.alpha3ToAlpha2(upper) : undefined;
  else alpha2 = /^[A-Z]{3,}$/.test(upper) ? upper.slice(0, 2) : undefined;
  return alpha2 !== undefined && isCountryCode(alpha2) ? alpha2 : null;
}

/**
 * The distinct OGP members named in a commitments CSV. The file has one row per commitment, so
 * each member appears many times; the first spelling of each name wins. The file gives no year of
 * joining (its years are action-plan submissions), so none is derived here.
 */
export function readMembersFromCommitmentsCsv(file: string = DEFAULT_COMMITMENTS_CSV): CsvMember[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedDataError(`Cannot read the OGP commitments data at ${file}: ${(error as Error).message}`);
  }
  let rows: Array<Record<string, string>>;
  try {
    rows = parse<Record<string, string>>(text, { columns: true, bom: true, skip_empty_lines: true });
  } catch (error) {
    throw new SeedDataError(`${file} is not a readable CSV file: ${(error as Error).message}`);
  }
  const first = rows[0];
  if (!first) throw new SeedDataError(`${file} has no data rows.`);
  const missing = [COLUMN_NAME, COLUMN_KIND, COLUMN_CODE].filter((column) => !(column in first));
  if (missing.length > 0) throw new SeedDataError(`${file} lacks the column(s) ${missing.map((c) => `"${c}"`).join(', ')}.`);

  const members = new Map<string, CsvMember>();
  for (const row of rows) {
    const name = (row[COLUMN_NAME] ?? '').trim();
    const memberType = KIND_TO_MEMBER_TYPE[(row[COLUMN_KIND] ?? '').trim()];
    if (name === '' || memberType === undefined || members.has(name)) continue;
    members.set(name, { name, memberType, countryCode: countryCodeFromDataCode(row[COLUMN_CODE] ?? '', memberType) });
  }
  return [...members.values()];
}
