// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, FieldErrorCollector } from '../../platform/errors.ts';
import { checkAgainstPlan, type CommitmentInput, readCommitmentForm, shiftYears } from './commitment-fields.ts';

type Stated = Parameters<typeof readCommitmentForm>[1];
const NOT_STATED: Stated = { number: '', stated_access_to_information: null, stated_civic_participation: null, stated_public_accountability: null, stated_technology_innovation: null };

/** The field problems the collector holds, by field, as message keys. */
function problems(errors: FieldErrorCollector): Record<string, string> {
  try {
    errors.throwIfAny();
    return {};
  } catch (error) {
    assert.ok(error instanceof AppError);
    return Object.fromEntries(Object.entries(error.fields).map(([field, message]) => [field, message.key]));
  }
}

function read(input: CommitmentInput, current: Stated = NOT_STATED) {
  const errors = new FieldErrorCollector();
  const draft = readCommitmentForm(input, current, errors);
  return { draft, problems: problems(errors) };
}

describe('reading the commitment form', () => {
  it('tidies what was typed: one-line fields on one line, texts with plain line breaks, the taxonomy in its order', () => {
    const { draft, problems: found } = read({
      title: '  Open   budgets\n',
      number: ' 2.1 ',
      fullText: '\r\nFirst line.\r\nSecond line.  ',
      policyAreas: ['Open Data', 'Audits', 'Open Data', ' '],
      lead: ['org-1', 'org-1'],
      supporting: ['org-2'],
      carriedForwardFrom: ' al0002 ',
    });
    assert.deepEqual(found, {});
    assert.equal(draft.columns.title, 'Open budgets');
    assert.equal(draft.columns.number, '2.1');
    assert.equal(draft.columns.full_text, 'First line.\nSecond line.');
    assert.deepEqual(draft.policyAreas, ['Audits', 'Open Data']);
    assert.deepEqual(draft.leadIds, ['org-1']);
    assert.equal(draft.carriedForwardFrom, 'AL0002');
    assert.equal(draft.columns.start_date, null);
  });

  it('names every problem it can see without the database', () => {
    const { problems: found } = read({
      title: ' ',
      number: 'two words',
      theme: 'x'.repeat(301),
      problem: 'x'.repeat(10001),
      startDate: '2024-02-30',
      endDate: '2024-01-01',
      policyAreas: ['Open Data', 'Astrology'],
      statedValues: ['civic_participation', 'happiness'],
      lead: ['org-1'],
      supporting: ['org-1'],
    });
    assert.deepEqual(found, {
      title: 'commitments.errors.commitmentTitleRequired',
      number: 'commitments.errors.numberInvalid',
      theme: 'commitments.errors.textTooLong',
      problem: 'commitments.errors.textTooLong',
      startDate: 'commitments.errors.dateInvalid',
      policyAreas: 'commitments.errors.policyAreaUnknown',
      statedValues: 'commitments.errors.statedValueUnknown',
      supporting: 'commitments.errors.leadAlsoSupporting',
    });
    assert.deepEqual(read({ title: 'T', number: '' }).problems, { number: 'commitments.errors.numberRequired' });
    // A number the commitment already had, whatever its shape, stands.
    assert.deepEqual(read({ title: 'T', number: 'No. 4 (b)' }, { ...NOT_STATED, number: 'No. 4 (b)' }).problems, {});
    assert.deepEqual(read({ title: 'T', number: '1', startDate: '2024-05-01', endDate: '2024-05-01' }).problems, { endDate: 'commitments.errors.endNotAfterStart' });
  });

  it('keeps a value never stated as not stated, and records unticking a stated one as not relevant', () => {
    const fresh = read({ title: 'T', number: '1', statedValues: ['access_to_information'] }).draft.columns;
    assert.deepEqual(
      [fresh.stated_access_to_information, fresh.stated_civic_participation, fresh.stated_public_accountability, fresh.stated_technology_innovation],
      [1, null, null, null],
    );
    const stored = { number: '1', stated_access_to_information: 1, stated_civic_participation: 0, stated_public_accountability: null, stated_technology_innovation: 1 };
    const edited = read({ title: 'T', number: '1', statedValues: ['public_accountability'] }, stored).draft.columns;
    assert.deepEqual(
      [edited.stated_access_to_information, edited.stated_civic_participation, edited.stated_public_accountability, edited.stated_technology_innovation],
      [0, 0, 1, 0],
    );
  });
});

describe('dates against the plan’s period', () => {
  const plan = { start_date: '2020-09-01', end_date: '2022-08-31' };
  const check = (start: string | null, end: string | null, kept = {}, period: { start_date: string | null; end_date: string | null } = plan) => {
    const errors = new FieldErrorCollector();
    checkAgainstPlan({ start_date: start, end_date: end }, period, kept, errors);
    return problems(errors);
  };

  it('moves a date by whole years, 29 February to the 28th', () => {
    assert.equal(shiftYears('2020-09-01', -1), '2019-09-01');
    assert.equal(shiftYears('2024-02-29', 1), '2025-02-28');
  });

  it('allows a year either side of the plan and refuses more', () => {
    assert.deepEqual(check('2019-09-01', '2023-08-31'), {});
    assert.deepEqual(check('2019-08-31', '2023-09-01'), { startDate: 'commitments.errors.dateBeforePlan', endDate: 'commitments.errors.dateAfterPlan' });
    // A start long after the plan, or an end long before it, is as far off.
    assert.deepEqual(check('2024-01-01', null), { startDate: 'commitments.errors.dateAfterPlan' });
    assert.deepEqual(check(null, '2018-01-01'), { endDate: 'commitments.errors.dateBeforePlan' });
  });

  it('does not judge a date the commitment already had, nor any date against a plan with no period', () => {
    assert.deepEqual(check('2001-01-01', null, { start_date: '2001-01-01' }), {});
    assert.deepEqual(check('2001-01-01', '2099-12-31', {}, { start_date: null, end_date: null }), {});
    assert.deepEqual(check('2001-01-01', '2099-12-31', {}, { start_date: '2020-09-01', end_date: null }), { startDate: 'commitments.errors.dateBeforePlan' });
  });
});
