import type { Region } from '../../modules/commitments/commitment-status.ts';

/** A country as OGP's data names it: ISO 3166-1 alpha-3 and alpha-2, its OGP region, and whether its plans are in Spanish. */
export interface Country {
  iso3: string;
  iso2: string;
  name: string;
  region: Region;
  spanish: boolean;
}

const AFRICA: Region = 'Africa and the Middle East';
const AMERICAS: Region = 'Americas';
const ASIA: Region = 'Asia and the Pacific';
const EUROPE: Region = 'Europe';

const row = (iso3: string, iso2: string, name: string, region: Region, spanish = false): Country => ({ iso3, iso2, name, region, spanish });

/** OGP's national members (past and present), in the order the generator takes them. */
export const COUNTRIES: readonly Country[] = [
  row('ALB', 'AL', 'Albania', EUROPE),
  row('ARG', 'AR', 'Argentina', AMERICAS, true),
  row('ARM', 'AM', 'Armenia', EUROPE),
  row('AUS', 'AU', 'Australia', ASIA),
  row('BRA', 'BR', 'Brazil', AMERICAS),
  row('BFA', 'BF', 'Burkina Faso', AFRICA),
  row('CAN', 'CA', 'Canada', AMERICAS),
  row('CPV', 'CV', 'Cabo Verde', AFRICA),
  row('CHL', 'CL', 'Chile', AMERICAS, true),
  row('COL', 'CO', 'Colombia', AMERICAS, true),
  row('CRI', 'CR', 'Costa Rica', AMERICAS, true),
  row('CIV', 'CI', "Côte d'Ivoire", AFRICA),
  row('HRV', 'HR', 'Croatia', EUROPE),
  row('CZE', 'CZ', 'Czech Republic', EUROPE),
  row('DNK', 'DK', 'Denmark', EUROPE),
  row('DOM', 'DO', 'Dominican Republic', AMERICAS, true),
  row('ECU', 'EC', 'Ecuador', AMERICAS, true),
  row('SLV', 'SV', 'El Salvador', AMERICAS, true),
  row('EST', 'EE', 'Estonia', EUROPE),
  row('FIN', 'FI', 'Finland', EUROPE),
  row('FRA', 'FR', 'France', EUROPE),
  row('GEO', 'GE', 'Georgia', EUROPE),
  row('DEU', 'DE', 'Germany', EUROPE),
  row('GHA', 'GH', 'Ghana', AFRICA),
  row('GRC', 'GR', 'Greece', EUROPE),
  row('GTM', 'GT', 'Guatemala', AMERICAS, true),
  row('HND', 'HN', 'Honduras', AMERICAS, true),
  row('IDN', 'ID', 'Indonesia', ASIA),
  row('IRL', 'IE', 'Ireland', EUROPE),
  row('ISR', 'IL', 'Israel', AFRICA),
  row('ITA', 'IT', 'Italy', EUROPE),
  row('JAM', 'JM', 'Jamaica', AMERICAS),
  row('JOR', 'JO', 'Jordan', AFRICA),
  row('KEN', 'KE', 'Kenya', AFRICA),
  row('KOR', 'KR', 'Republic of Korea', ASIA),
  row('KGZ', 'KG', 'Kyrgyz Republic', ASIA),
  row('LVA', 'LV', 'Latvia', EUROPE),
  row('LBR', 'LR', 'Liberia', AFRICA),
  row('LTU', 'LT', 'Lithuania', EUROPE),
  row('LUX', 'LU', 'Luxembourg', EUROPE),
  row('MWI', 'MW', 'Malawi', AFRICA),
  row('MEX', 'MX', 'Mexico', AMERICAS, true),
  row('MDA', 'MD', 'Moldova', EUROPE),
  row('MNG', 'MN', 'Mongolia', ASIA),
  row('MNE', 'ME', 'Montenegro', EUROPE),
  row('MAR', 'MA', 'Morocco', AFRICA),
  row('NLD', 'NL', 'Netherlands', EUROPE),
  row('NZL', 'NZ', 'New Zealand', ASIA),
  row('NGA', 'NG', 'Nigeria', AFRICA),
  row('MKD', 'MK', 'North Macedonia', EUROPE),
  row('NOR', 'NO', 'Norway', EUROPE),
  row('PAN', 'PA', 'Panama', AMERICAS, true),
  row('PNG', 'PG', 'Papua New Guinea', ASIA),
  row('PRY', 'PY', 'Paraguay', AMERICAS, true),
  row('PER', 'PE', 'Peru', AMERICAS, true),
  row('PHL', 'PH', 'Philippines', ASIA),
  row('PRT', 'PT', 'Portugal', EUROPE),
  row('ROU', 'RO', 'Romania', EUROPE),
  row('SEN', 'SN', 'Senegal', AFRICA),
  row('SRB', 'RS', 'Serbia', EUROPE),
  row('SYC', 'SC', 'Seychelles', AFRICA),
  row('SLE', 'SL', 'Sierra Leone', AFRICA),
  row('SVK', 'SK', 'Slovak Republic', EUROPE),
  row('ZAF', 'ZA', 'South Africa', AFRICA),
  row('ESP', 'ES', 'Spain', EUROPE, true),
  row('LKA', 'LK', 'Sri Lanka', ASIA),
  row('SWE', 'SE', 'Sweden', EUROPE),
  row('TTO', 'TT', 'Trinidad and Tobago', AMERICAS),
  row('TUN', 'TN', 'Tunisia', AFRICA),
  row('UKR', 'UA', 'Ukraine', EUROPE),
  row('GBR', 'GB', 'United Kingdom', EUROPE),
  row('USA', 'US', 'United States', AMERICAS),
  row('URY', 'UY', 'Uruguay', AMERICAS, true),
  row('BIH', 'BA', 'Bosnia and Herzegovina', EUROPE),
  row('BGR', 'BG', 'Bulgaria', EUROPE),
];

/** Real subnational members and places that have joined OGP Local, as "place, country code". */
export const LOCAL_PLACES: ReadonlyArray<readonly [string, string]> = [
  ['Buenos Aires', 'AR'], ['Córdoba', 'AR'], ['Mendoza', 'AR'], ['Santa Fe', 'AR'], ['Bogotá', 'CO'], ['Nariño', 'CO'],
  ['Jalisco', 'MX'], ['Nuevo León', 'MX'], ['São Paulo', 'BR'], ['Ontario', 'CA'], ['Quebec', 'CA'], ['Austin', 'US'],
  ['Detroit', 'US'], ['Madrid', 'ES'], ['Basque Country', 'ES'], ['Catalonia', 'ES'], ['Paris', 'FR'], ['Scotland', 'GB'],
  ['Northern Ireland', 'GB'], ['Tbilisi', 'GE'], ['Kaduna', 'NG'], ['Elgeyo Marakwet', 'KE'], ['Makueni', 'KE'], ['Nairobi', 'KE'],
  ['Sekondi-Takoradi', 'GH'], ['Seoul', 'KR'], ['Bojonegoro', 'ID'], ['Semarang', 'ID'], ['Ulaanbaatar', 'MN'], ['Iloilo', 'PH'],
  ['South Cotabato', 'PH'], ['Kigoma-Ujiji', 'TZ'], ['La Libertad', 'PE'], ['Esperanza', 'PE'], ['Montevideo', 'UY'], ['Asunción', 'PY'],
  ['Quito', 'EC'], ['Guatemala City', 'GT'], ['San Pedro Garza García', 'MX'], ['Lviv', 'UA'], ['Khmelnytskyi', 'UA'], ['Banja Luka', 'BA'],
  ['Tirana', 'AL'], ['Skopje', 'MK'], ['Chisinau', 'MD'], ['Gdańsk', 'PL'], ['Ljubljana', 'SI'], ['Tallinn', 'EE'],
  ['Helsinki', 'FI'], ['Copenhagen', 'DK'], ['Barcelona', 'ES'], ['Lisbon', 'PT'], ['Milan', 'IT'], ['Bonn', 'DE'],
  ['Ghent', 'BE'], ['Tartu', 'EE'], ['Cluj-Napoca', 'RO'], ['Kosice', 'SK'], ['Tamil Nadu', 'IN'], ['Kathmandu', 'NP'],
  ['Victoria', 'AU'], ['Wellington', 'NZ'], ['Mombasa', 'KE'], ['Lagos', 'NG'], ['Dakar', 'SN'], ['Tunis', 'TN'],
  ['Casablanca', 'MA'], ['Amman', 'JO'], ['Freetown', 'SL'], ['Monrovia', 'LR'], ['Lilongwe', 'MW'], ['Ouagadougou', 'BF'],
  ['Praia', 'CV'], ['Abidjan', 'CI'], ['Cape Town', 'ZA'], ['Kampala', 'UG'],
];

/** Regions of the countries that have local members but are not national members above. */
export const OTHER_COUNTRY_REGIONS: Readonly<Record<string, Region>> = { TZ: AFRICA, UG: AFRICA, PL: EUROPE, BE: EUROPE, IN: ASIA, NP: ASIA };

/** Syllables for the names of further, synthetic places once the real ones run out. */
export const PLACE_SYLLABLES = {
  start: ['San', 'Val', 'Mar', 'Nor', 'Bel', 'Kar', 'Lun', 'Tor', 'Ros', 'Alt', 'Ken', 'Ma', 'Ri', 'Sol', 'Ber', 'Do', 'Ela', 'Fra', 'Gal', 'Ho'],
  middle: ['a', 'e', 'i', 'o', 'u', 'ar', 'en', 'il', 'or', 'an', 'ev', 'ol'],
  end: ['mora', 'via', 'dale', 'ton', 'burg', 'polis', 'ville', 'grad', 'ia', 'ona', 'ara', 'ento', 'stad', 'wick', 'no', 'ka'],
} as const;

/** What a local member is, for its action plan titles. */
export const LOCAL_KINDS = ['City', 'Municipality', 'Province', 'County', 'Region', 'State'] as const;
