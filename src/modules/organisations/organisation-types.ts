export const ORGANISATION_TYPES = ['government_agency', 'civil_society', 'private_sector', 'academia', 'media', 'multilateral'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export const isOrganisationType = (value: unknown): value is OrganisationType =>
  typeof value === 'string' && (ORGANISATION_TYPES as readonly string[]).includes(value);
