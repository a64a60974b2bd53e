// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guessOrganisationType, splitInstitutions } from './institutions.ts';

describe('institution names in a sheet cell', () => {
  it('finds no institution in NA, ND and the like', () => {
    for (const cell of ['NA', 'N/A', 'nd', '', 'Unclear']) assert.deepEqual(splitInstitutions(cell), []);
  });

  it('splits lists on semicolons, lines, bullets and numbers, dropping markers and labels', () => {
    assert.deepEqual(splitInstitutions('Ministry of Finance; National Audit Office'), ['Ministry of Finance', 'National Audit Office']);
    assert.deepEqual(splitInstitutions('• Ministry of Justice;\n• Office of the Ombudsman.'), ['Ministry of Justice', 'Office of the Ombudsman']);
    assert.deepEqual(splitInstitutions('1. Head of Bureau for Sessions, 2. Secretariat General'), ['Head of Bureau for Sessions', 'Secretariat General']);
    assert.deepEqual(splitInstitutions('Government: IAIP\nCivil society: ASJ'), ['IAIP', 'ASJ']);
    assert.deepEqual(splitInstitutions('- Relevant ministries - Archives du Maroc - Digital Development Agency (ADD)'), ['Archives du Maroc', 'Digital Development Agency (ADD)']);
  });

  it('splits on commas only where the next part names an institution by itself', () => {
    assert.deepEqual(splitInstitutions('Ministry of Youth, Culture and Communication'), ['Ministry of Youth, Culture and Communication']);
    assert.deepEqual(splitInstitutions('Ministry of Finance, National Audit Office, UNDP'), ['Ministry of Finance', 'National Audit Office', 'UNDP']);
  });

  it('keeps one of each name, and leaves out groups, sentences and addresses', () => {
    assert.deepEqual(splitInstitutions('UNDP; undp; All ministries; someone@example.org'), ['UNDP']);
    assert.deepEqual(splitInstitutions(`Ministry of ${'very '.repeat(40)}long name`), []);
  });

  it('joins a name wrapped onto the next line', () => {
    assert.deepEqual(splitInstitutions('Department of Information and\nresearch services'), ['Department of Information and research services']);
  });

  it('tells the kind of organisation from its name where that is obvious, else government', () => {
    assert.equal(guessOrganisationType('Ministry of Justice'), 'government_agency');
    assert.equal(guessOrganisationType('Transparency International Armenia'), 'civil_society');
    assert.equal(guessOrganisationType('Fundación Directorio Legislativo'), 'civil_society');
    assert.equal(guessOrganisationType('University of Rabat'), 'academia');
    assert.equal(guessOrganisationType('UNDP'), 'multilateral');
    assert.equal(guessOrganisationType('Mongolian National Broadcaster'), 'media');
    assert.equal(guessOrganisationType('Chamber of Commerce of Kenya'), 'private_sector');
    assert.equal(guessOrganisationType('Parliamentary Budget Office'), 'government_agency');
    assert.equal(guessOrganisationType('Ushahidi'), 'government_agency');
  });
});
