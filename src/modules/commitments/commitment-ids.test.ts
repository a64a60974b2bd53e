// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { choosePrefix, commitmentIdFor, nextIdNumber, splitCommitmentId } from './commitment-ids.ts';

describe('OGP commitment ids', () => {
  it('reads the prefix and number of ids in OGP’s pattern, and nothing else', () => {
    assert.deepEqual(splitCommitmentId('AL0002'), { prefix: 'AL', number: 2 });
    assert.deepEqual(splitCommitmentId('BUE0009'), { prefix: 'BUE', number: 9 });
    for (const other of ['al0002', 'AL002', 'AL00002', 'A0002', 'ALBA0002', 'ZZ1A2B3C', '']) assert.equal(splitCommitmentId(other), null, other);
  });

  it('writes the number in four digits', () => {
    assert.equal(commitmentIdFor('AL', 123), 'AL0123');
    assert.equal(commitmentIdFor('SCO', 1), 'SCO0001');
  });

  it('takes the prefix the member’s commitments use, which is not always the ISO code', () => {
    assert.equal(choosePrefix(['UK0062', 'UK0098'], 'GB'), 'UK');
    assert.equal(choosePrefix(['MO0001'], 'MA'), 'MO');
    // The most used one wins; a tie goes to the first alphabetically, whatever the row order.
    assert.equal(choosePrefix(['SCO0001', 'GB0001', 'SCO0005'], 'GB'), 'SCO');
    assert.equal(choosePrefix(['BB0001', 'AA0001'], null), 'AA');
    assert.equal(choosePrefix(['AA0001', 'BB0001'], null), 'AA');
  });

  it('falls back on the member’s country for its first commitment, and has no prefix without one', () => {
    assert.equal(choosePrefix([], 'al'), 'AL');
    assert.equal(choosePrefix(['imported-7', 'ZZ1A2B3C'], 'FR'), 'FR');
    assert.equal(choosePrefix([], null), null);
    assert.equal(choosePrefix([], 'XKX'), null);
  });

  it('numbers after the highest in use with that prefix, by anyone, and says when the digits run out', () => {
    assert.equal(nextIdNumber('AL', []), 1);
    assert.equal(nextIdNumber('AL', ['AL0002', 'AL0097', 'AL0063', 'ALB0500', 'AM0900']), 98);
    assert.equal(nextIdNumber('AL', ['AL9998']), 9999);
    assert.equal(nextIdNumber('AL', ['AL9999']), null);
  });
});
