// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMembers, memberNameKey, type Taken } from './members.ts';
import { Random } from './random.ts';
import { sizesForScale } from './sizes.ts';

const nothingTaken = (): Taken => ({ memberSlugs: new Set(), memberNames: new Set(), organisationSlugs: new Set(), memberCodes: new Set(), idNumbers: new Map() });

// The stream `ogp generate --seed bench` draws from; at ×3 it first draws a synthetic place twice in one country.
const benchMembers = (scale: number, taken: Taken = nothingTaken()) => buildMembers(new Random('ogp-generate:bench'), sizesForScale(scale), taken);

describe('generated member names', () => {
  it('are each their own, as the sheet import tells members apart, a repeated place taking a qualifier', () => {
    const members = benchMembers(3);
    assert.equal(new Set(members.map((m) => memberNameKey(m.row.name))).size, members.length);
    const names = members.map((m) => m.row.name);
    assert.ok(names.includes('Galdale, Sri Lanka') && names.includes('New Galdale, Sri Lanka'), 'the repeated place is told apart');
  });

  it('avoid the names the database already holds', () => {
    const first = benchMembers(0.1).filter((m) => !m.national);
    const taken = nothingTaken();
    for (const m of first) taken.memberNames.add(memberNameKey(m.row.name));
    const again = benchMembers(0.1, taken).filter((m) => !m.national);
    assert.equal(again.length, first.length);
    for (const m of again) assert.ok(!first.some((f) => memberNameKey(f.row.name) === memberNameKey(m.row.name)), `${m.row.name} is taken`);
  });
});
