import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateTimeFormat, numberFormat, remembered } from './intl-formats.ts';

describe('numberFormat', () => {
  it('formats in the language with at most the decimals asked for', () => {
    assert.equal(numberFormat('en', 2).format(1234.5678), '1,234.57');
    assert.equal(numberFormat('fr', 2).format(1234.5), '1\u202f234,5');
    assert.equal(numberFormat('en', 20).format(0.125), '0.125');
  });

  it('keeps one formatter per language and precision', () => {
    assert.equal(numberFormat('es', 2), numberFormat('es', 2));
    assert.notEqual(numberFormat('es', 2), numberFormat('es', 20));
  });
});

describe('dateTimeFormat', () => {
  it('keeps one formatter per locale and named options, formatting as Intl does', () => {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' };
    assert.equal(dateTimeFormat('en-GB', 'medium', options).format(new Date('2026-06-30T00:00:00Z')), '30 Jun 2026');
    assert.equal(dateTimeFormat('en-GB', 'medium', options), dateTimeFormat('en-GB', 'medium', options));
    assert.notEqual(dateTimeFormat('en-GB', 'medium', options), dateTimeFormat('fr', 'medium', options));
  });
});

describe('remembered', () => {
  it('answers what the format answers, per language, working each value out once', () => {
    const calls: string[] = [];
    const shout = remembered((lang, value) => {
      calls.push(`${lang}:${value}`);
      return `${value.toUpperCase()} (${lang})`;
    });
    assert.equal(shout('en', 'june'), 'JUNE (en)');
    assert.equal(shout('en', 'june'), 'JUNE (en)');
    assert.equal(shout('fr', 'june'), 'JUNE (fr)');
    assert.deepEqual(calls, ['en:june', 'fr:june']);
  });

  it('keeps a bounded number of texts, and stays right past the bound', () => {
    let calls = 0;
    const echo = remembered((_lang, value) => {
      calls++;
      return value;
    });
    for (let i = 0; i < 50_000; i++) assert.equal(echo('en', String(i)), String(i));
    assert.equal(echo('en', '49999'), '49999');
    assert.equal(calls, 50_000);
    // Long past, so no longer remembered: worked out again, the same.
    assert.equal(echo('en', '0'), '0');
    assert.equal(calls, 50_001);
  });

  it('remembers nothing for a value the format refuses', () => {
    let calls = 0;
    const strict = remembered((_lang, value) => {
      calls++;
      if (value === 'bad') throw new RangeError('Invalid time value');
      return value;
    });
    assert.throws(() => strict('en', 'bad'), RangeError);
    assert.throws(() => strict('en', 'bad'), RangeError);
    assert.equal(calls, 2);
  });
});
