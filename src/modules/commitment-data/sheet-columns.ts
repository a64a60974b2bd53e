import { IRM_SCALES } from './irm-scales.ts';

// OGP's commitment data sheet, column by column. Every column has a role saying where its value lives
// on the platform; whatever the role, the whole row is also kept as read (commitments.sheet_row_json),
// so an export gives back every cell, including the ones the platform does not interpret.

export const COLUMN = {
  id: 'Commitment Unique Identifier',
  memberName: 'Country/Locality',
  planNumber: 'Action Plan Number',
  number: 'Commitment Number',
  code: 'Code',
  region: 'Region',
  kind: 'National Or Local',
  submittedYear: 'Year Of Submission',
  endYear: 'Action Plan End Year',
  duration: 'Action Plan Duration (Years)',
  dummy: 'Commitment Dummy',
  theme: 'Theme',
  title: 'Commitment Title',
  shortTitle: 'Short Title',
  fullText: 'Full Text',
  startDate: 'Start Date',
  endDate: 'End Date',
  lead: 'Lead Institution',
  supporting: 'Supporting Institution(s)',
  progressReportYear: 'Report Publication Year (Progress Report)',
  endOfTermReportYear: 'Report Publication Year (End Of Term)',
  star2015Progress: 'Starred (2015 Only)',
  starCurrentProgress: 'Starred (Current Formula) Progress Report',
  starCurrentEndOfTerm: 'Starred (Current Formula) End of Term',
  url: 'URL',
  planId: 'Action Plan ID',
  sheetId: 'id',
} as const;

/** The policy-area flags (0/1, sometimes ND), in sheet order; a 1 becomes a `policy_area` tag named after the column. */
export const POLICY_AREA_COLUMNS: readonly string[] = [
  'Anti-Corruption and Integrity',
  'Anti-corruption Institutions',
  'Anti-Corruption Strategies',
  'Asset Disclosure',
  'Audits',
  'Beneficial Ownership',
  'Conflicts Of Interest',
  'Elections',
  'Political Finance',
  'Lobbying',
  'Open Contracting',
  'Public Procurement',
  'Right To Information',
  'Whistleblower Protections',
  'Civic Space and Enabling Environment',
  'Freedom of Assembly',
  'Freedom of Association',
  'Freedom of Expression',
  'Democratizing Decision-Making',
  'Digital Participation',
  'Mainstreaming Participation',
  'Regulatory Governance',
  'Social Accountability',
  'Digital Governance',
  'Automated Decision-making',
  'Data Stewardship and Privacy',
  'Digital Inclusion',
  'Disinformation/Misinformation',
  'Online Civic Space',
  'Environment & Climate',
  'Climate Finance',
  'Climate Mitigation and Adaptation',
  'Environmental Regulation',
  'International Environmental Agreements',
  'Fiscal Openness',
  'Publication Of Budget/Fiscal Information',
  'Public Participation In Budget/Fiscal Policy',
  'Oversight Of Budget/Fiscal Policies',
  'Stimulus and Economic Recovery',
  'Tax',
  'Debt',
  'Inclusion',
  'Gender',
  'Gender-Based Violence',
  'Economic Inclusion',
  'LGBTQIA+',
  'People with Disabilities',
  'Youth',
  'Justice',
  'Access to Justice',
  'Open Justice',
  'Policing & Corrections',
  'Judiciary',
  'Open Parliaments',
  'Public Service Delivery',
  'Citizenship & Immigration',
  'Education',
  'Health & Nutrition',
  'Infrastructure & Transport',
  'Water & Sanitation',
  'Capacity Building',
  'Digital Transformation',
  'Legislation',
  'Regulation',
  'Legislative Oversight',
  'Open Data',
  'Public Participation',
  'Aid',
  'Energy',
  'Extractive Industries',
  'Land and Spatial Planning',
  'Media & Telecommunications',
  'Science & Technology',
  'Security & Public Safety',
  'Labor',
  'Private Sector',
  'Subnational',
  'Human Rights',
  'Open Parliament Plan',
  'Sustainable Development Goals',
  'Open Data (Water/Sanitation)',
  'Open Data (Health)',
  'Open Data (Education)',
  'Participation in Lawmaking',
  'Access to information',
  'Money in Politics',
];

/** OGP's analysis flags at the end of the sheet ("High Ambition", "CHECKSUM"…), in sheet order. */
const ANALYSIS_COLUMNS: readonly string[] = [
  'Most Recently Assessed',
  'Star - Most Recently Assessed',
  'IRM Assessed',
  'Updated? (Website)',
  'Active Commitment',
  'Max star',
  'Ambition Assessed',
  'Comp Assessed',
  'DIOG Assessed',
  'Midterm Only',
  'Max Completion',
  'Raw Completion',
  'High Completion',
  'High Ambition',
  'High DIOG',
  'Ambitious and complete, or DIOG',
  'Ambitious but not complete',
  'Complete but not ambitious',
  'Not complete or ambitious',
  'Not reviewed',
  'CHECKSUM',
  'IRM-Based Score',
  'Binding constraint',
];

/**
 * Columns OGP computes from the others for its own analysis, and its database row id. The platform
 * does not interpret them; they are kept exactly as read.
 */
export const DERIVED_COLUMNS: readonly string[] = [
  COLUMN.dummy,
  COLUMN.duration,
  'Compound',
  'Cluster',
  '_Relevant',
  'Cluster (AP Review)',
  'Cluster Commitment ID(s)',
  ...ANALYSIS_COLUMNS,
  'Latest IRM Report',
  'Subnational in NAPs',
  COLUMN.sheetId,
];

/** The sheet's columns in its own order: an export writes exactly these, with this header. */
export const SHEET_COLUMNS: readonly string[] = [
  COLUMN.id,
  COLUMN.memberName,
  COLUMN.planNumber,
  COLUMN.number,
  COLUMN.code,
  COLUMN.region,
  COLUMN.kind,
  COLUMN.dummy,
  COLUMN.submittedYear,
  COLUMN.endYear,
  COLUMN.duration,
  COLUMN.theme,
  COLUMN.title,
  COLUMN.shortTitle,
  COLUMN.fullText,
  COLUMN.startDate,
  COLUMN.endDate,
  COLUMN.lead,
  COLUMN.supporting,
  ...POLICY_AREA_COLUMNS,
  COLUMN.progressReportYear,
  'Compound',
  'Cluster',
  'Specificity',
  '_Specificity',
  'Verifiable',
  'OGP Value Access To Information',
  'OGP Value Civic Participation',
  'OGP Value Public Accountability',
  'OGP Value Technology',
  '_Relevant',
  'Potential Impact',
  '_Potential Impact',
  'Completion (Progress Report)',
  '_CompletionProgress',
  COLUMN.star2015Progress,
  COLUMN.starCurrentProgress,
  'Potential for Results',
  '_Potential for Results',
  'Cluster (AP Review)',
  'Cluster Commitment ID(s)',
  COLUMN.endOfTermReportYear,
  'Completion (End Of Term)',
  '_CompletionEndTerm',
  'Change In Completion',
  '_ChangeCompletion',
  'Early Results',
  '_Early Results',
  'Did It Open Government (Overall)',
  '_OpenGovernment',
  'Did It Open Government (Access To Information)',
  '_DIOGATI',
  'Did It Open Government (Civic Participation)',
  '_DIOGCP',
  'Did It Open Government: Public Accountability',
  '_DIOGPA',
  COLUMN.starCurrentEndOfTerm,
  'Carried Forward',
  ...ANALYSIS_COLUMNS,
  COLUMN.url,
  'Latest IRM Report',
  'Subnational in NAPs',
  COLUMN.planId,
  COLUMN.sheetId,
];

/** Where a column's value lives on the platform. */
export type ColumnRole =
  | 'identity'
  | 'text'
  | 'date'
  | 'institutions'
  | 'policy_area'
  | 'irm_rating'
  | 'irm_code'
  | 'report_year'
  | 'star'
  | 'link'
  | 'derived';

const IDENTITY_COLUMNS = [COLUMN.id, COLUMN.memberName, COLUMN.planNumber, COLUMN.number, COLUMN.code, COLUMN.region, COLUMN.kind, COLUMN.submittedYear, COLUMN.endYear, COLUMN.planId];

const ROLES: ReadonlyArray<readonly [ColumnRole, readonly string[]]> = [
  ['identity', IDENTITY_COLUMNS],
  ['text', [COLUMN.theme, COLUMN.title, COLUMN.shortTitle, COLUMN.fullText]],
  ['date', [COLUMN.startDate, COLUMN.endDate]],
  ['institutions', [COLUMN.lead, COLUMN.supporting]],
  ['policy_area', POLICY_AREA_COLUMNS],
  ['irm_rating', IRM_SCALES.map((s) => s.column)],
  ['irm_code', IRM_SCALES.flatMap((s) => (s.codeColumn ? [s.codeColumn] : []))],
  ['report_year', [COLUMN.progressReportYear, COLUMN.endOfTermReportYear]],
  ['star', [COLUMN.star2015Progress, COLUMN.starCurrentProgress, COLUMN.starCurrentEndOfTerm]],
  ['link', [COLUMN.url]],
  ['derived', DERIVED_COLUMNS],
];

/** Each column's role; a column listed under two roles is a mistake the tests catch. */
export function columnRoles(): Map<string, ColumnRole[]> {
  const roles = new Map<string, ColumnRole[]>();
  for (const [role, columns] of ROLES) for (const column of columns) roles.set(column, [...(roles.get(column) ?? []), role]);
  return roles;
}

/** The columns a row cannot be imported without. */
export const REQUIRED_COLUMNS: readonly string[] = [...IDENTITY_COLUMNS, COLUMN.title];

const POLICY_AREA_SET = new Set(POLICY_AREA_COLUMNS);
export const isPolicyAreaColumn = (column: string): boolean => POLICY_AREA_SET.has(column);
