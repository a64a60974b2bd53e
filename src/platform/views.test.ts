import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateTimeText } from './views.ts';

describe('dateTime filter', () => {
  it('writes a timestamp in the reader’s language, in UTC, the same on every call', () => {
    const at = '2026-03-05T14:07:00.000Z';
    const english = dateTimeText(at, 'en');
    assert.equal(english, 'Mar 5, 2026, 2:07 PM UTC');
    assert.equal(dateTimeText(at, 'en'), english);
    assert.equal(dateTimeText(at, 'fr'), '5 mars 2026, 14:07 UTC');
    assert.equal(dateTimeText(at, 'es'), '5 mar 2026, 14:07 UTC');
  });

  it('prints nothing for a missing value', () => {
    assert.equal(dateTimeText(null, 'en'), '');
    assert.equal(dateTimeText('', 'fr'), '');
  });
});
