import countries from 'i18n-iso-countries';
import { isCountryCode } from './country-codes.ts';

// OGP's own code for each member, as its data sheet uses them: a national member's is its country's
// ISO 3166-1 alpha-3 code (ALB); a local member's is its country's alpha-2 code followed by letters
// for the place (ARBA: Buenos Aires, Argentina).

const LOCAL_CODE = /^[A-Z]{2}[A-Z0-9]{1,6}$/;

export type CodeCheck = { ok: true; countryCode: string } | { ok: false; reason: 'national' | 'local' };

/**
 * Checks a code (already upper-cased) for a member of the type, and says which country it names
 * (alpha-2), so the form can fill in or cross-check the member's country.
 */
export function checkMemberCode(code: string, memberType: string): CodeCheck {
  if (memberType === 'national') {
    const alpha2 = /^[A-Z]{3}$/.test(code) ? countries.alpha3ToAlpha2(code) : undefined;
    return alpha2 && isCountryCode(alpha2) ? { ok: true, countryCode: alpha2 } : { ok: false, reason: 'national' };
  }
  const alpha2 = code.slice(0, 2);
  return LOCAL_CODE.test(code) && isCountryCode(alpha2) ? { ok: true, countryCode: alpha2 } : { ok: false, reason: 'local' };
}
