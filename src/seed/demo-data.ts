import type { OrganisationType } from '../modules/organisations/organisation-types.ts';
import type { Role } from '../platform/roles.ts';

/**
 * Local members of OGP's subnational programme. The names follow the commitments data
 * ("Place, Country") so that the ones it also lists are the same member, not a duplicate.
 * All of these were among the fifteen pioneers that joined the subnational pilot in 2016.
 */
export interface LocalMemberSeed {
  name: string;
  /** ISO 3166-1 alpha-2 code of the country the member is in. */
  countryCode: string;
  joinedYear: number | null;
}

export const LOCAL_MEMBERS: readonly LocalMemberSeed[] = [
  { name: 'Austin, United States', countryCode: 'US', joinedYear: 2016 },
  { name: 'Buenos Aires, Argentina', countryCode: 'AR', joinedYear: 2016 },
  { name: 'Jalisco, Mexico', countryCode: 'MX', joinedYear: 2016 },
  { name: 'Kigoma-Ujiji, Tanzania', countryCode: 'TZ', joinedYear: 2016 },
  { name: 'Madrid, Spain', countryCode: 'ES', joinedYear: 2016 },
  { name: 'Ontario, Canada', countryCode: 'CA', joinedYear: 2016 },
  { name: 'Paris, France', countryCode: 'FR', joinedYear: 2016 },
  { name: 'Scotland, United Kingdom', countryCode: 'GB', joinedYear: 2016 },
  { name: 'Sekondi-Takoradi, Ghana', countryCode: 'GH', joinedYear: 2016 },
  { name: 'Seoul, Republic of Korea', countryCode: 'KR', joinedYear: 2016 },
  { name: 'Tbilisi, Georgia', countryCode: 'GE', joinedYear: 2016 },
];

export interface OrganisationSeed {
  name: string;
  orgType: OrganisationType;
  country: string;
  website: string;
  description: string;
}

/** Real organisations active in open government, at least one of every type. */
export const ORGANISATIONS: readonly OrganisationSeed[] = [
  {
    name: 'Open Government Partnership Support Unit',
    orgType: 'multilateral',
    country: 'United States',
    website: 'https://www.opengovpartnership.org',
    description: 'The secretariat of the Open Government Partnership. It supports members, the Steering Committee and the Independent Reporting Mechanism.',
  },
  {
    name: 'World Bank',
    orgType: 'multilateral',
    country: 'United States',
    website: 'https://www.worldbank.org',
    description: 'International financial institution that provides loans, grants and technical assistance to governments of low- and middle-income countries.',
  },
  {
    name: 'Organisation for Economic Co-operation and Development (OECD)',
    orgType: 'multilateral',
    country: 'France',
    website: 'https://www.oecd.org',
    description: 'Intergovernmental organisation that develops evidence and standards for public policy, including open government and public integrity.',
  },
  {
    name: 'Transparency International',
    orgType: 'civil_society',
    country: 'Germany',
    website: 'https://www.transparency.org',
    description: 'Global movement working to end corruption, known for its annual Corruption Perceptions Index.',
  },
  {
    name: 'ARTICLE 19',
    orgType: 'civil_society',
    country: 'United Kingdom',
    website: 'https://www.article19.org',
    description: 'International human rights organisation defending freedom of expression and the right to information.',
  },
  {
    name: 'mySociety',
    orgType: 'civil_society',
    country: 'United Kingdom',
    website: 'https://www.mysociety.org',
    description: 'Charity building civic technology such as FixMyStreet, TheyWorkForYou and WhatDoTheyKnow.',
  },
  {
    name: 'Open Knowledge Foundation',
    orgType: 'civil_society',
    country: 'United Kingdom',
    website: 'https://okfn.org',
    description: 'Non-profit promoting open knowledge and open data, and the original creator of the CKAN data portal software.',
  },
  {
    name: 'Hivos',
    orgType: 'civil_society',
    country: 'Netherlands',
    website: 'https://hivos.org',
    description: 'International development organisation working with civil society on civic rights, gender equality and climate justice.',
  },
  {
    name: 'Global Integrity',
    orgType: 'civil_society',
    country: 'United States',
    website: 'https://www.globalintegrity.org',
    description: 'Non-profit supporting locally led efforts to improve governance and tackle corruption through research and learning.',
  },
  {
    name: 'U.S. General Services Administration',
    orgType: 'government_agency',
    country: 'United States',
    website: 'https://www.gsa.gov',
    description: 'Federal agency providing buildings, procurement and technology services to the US government, including Data.gov.',
  },
  {
    name: 'Government Digital Service',
    orgType: 'government_agency',
    country: 'United Kingdom',
    website: 'https://www.gov.uk/government/organisations/government-digital-service',
    description: 'Part of the UK government, responsible for GOV.UK and for digital standards across government.',
  },
  {
    name: 'International Chamber of Commerce',
    orgType: 'private_sector',
    country: 'France',
    website: 'https://iccwbo.org',
    description: 'The world business organisation, representing companies and chambers of commerce in rule-setting and dispute resolution.',
  },
  {
    name: 'Ash Center for Democratic Governance and Innovation',
    orgType: 'academia',
    country: 'United States',
    website: 'https://ash.harvard.edu',
    description: 'Research centre at the Harvard Kennedy School studying democratic governance and innovation in government.',
  },
  {
    name: 'International Consortium of Investigative Journalists',
    orgType: 'media',
    country: 'United States',
    website: 'https://www.icij.org',
    description: 'Global network of investigative journalists behind the Panama Papers and Pandora Papers investigations.',
  },
  {
    name: 'Organized Crime and Corruption Reporting Project',
    orgType: 'media',
    country: 'Netherlands',
    website: 'https://www.occrp.org',
    description: 'Investigative reporting network exposing organised crime and corruption around the world.',
  },
];

/** The one password of every demo account. Demo accounts are never created in production. */
export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  /** What a scoped role is granted for, in words, for printing next to the credentials. */
  scope: string | null;
}

// The government_poc account speaks for this member when the data has it, else for the first national member.
export const DEMO_POC_MEMBER = 'United States';
// The organisation_member account belongs to this organisation.
export const DEMO_ORGANISATION = 'Transparency International';

/** One account per role, so every part of the platform can be tried out. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'support@demo.ogp.local', password: DEMO_PASSWORD, displayName: 'Demo Support Unit', role: 'support_unit', scope: null },
  { email: 'steering@demo.ogp.local', password: DEMO_PASSWORD, displayName: 'Demo Steering Committee', role: 'steering_committee', scope: null },
  { email: 'irm-staff@demo.ogp.local', password: DEMO_PASSWORD, displayName: 'Demo IRM Staff', role: 'irm_staff', scope: null },
  { email: 'irm-researcher@demo.ogp.local', password: DEMO_PASSWORD, displayName: 'Demo IRM Researcher', role: 'irm_researcher', scope: null },
  {
    email: 'poc@demo.ogp.local',
    password: DEMO_PASSWORD,
    displayName: 'Demo Government Point of Contact',
    role: 'government_poc',
    // Falls back to the first national member if the data lacks it; seedDemoData reports the one it used.
    scope: DEMO_POC_MEMBER,
  },
  { email: 'org-member@demo.ogp.local', password: DEMO_PASSWORD, displayName: 'Demo Organisation Member', role: 'organisation_member', scope: DEMO_ORGANISATION },
  { email: 'participant@demo.ogp.local', password: DEMO_PASSWORD, displayName: 'Demo Participant', role: 'participant', scope: null },
];
