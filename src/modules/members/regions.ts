import { REGIONS, type Region } from '../commitments/commitment-status.ts';

// Regions are stored as OGP's data names them ("Asia and the Pacific"), so imports and the API speak
// OGP's language; these keys name each one's translation under members.regions.
const REGION_KEYS: Readonly<Record<Region, string>> = {
  'Africa and the Middle East': 'africaMiddleEast',
  Americas: 'americas',
  'Asia and the Pacific': 'asiaPacific',
  Europe: 'europe',
};

export const isRegion = (value: unknown): value is Region => typeof value === 'string' && (REGIONS as readonly string[]).includes(value);

/** The i18n key of a region's name, or null for a value that is not one of the four. */
export const regionKey = (region: string | null | undefined): string | null =>
  isRegion(region) ? `members.regions.${REGION_KEYS[region]}` : null;

export { REGIONS };
