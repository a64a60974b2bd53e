import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { signIn, useBrowserSession } from '../support/browser.ts';
import { createActionPlan, createCommitment, createMilestone, createProgressUpdate } from '../support/commitment-factories.ts';
import { createMember, createUser } from '../support/factories.ts';

const CONTACT_EMAIL = 'luz.contact@example.org';
const CONTACT_PASSWORD = 'point of contact passphrase';
const PARTICIPANT_EMAIL = 'pablo.participant@example.org';
const PARTICIPANT_PASSWORD = 'participant long passphrase';
const COMMITMENT_URL = '/commitments/BR0007';

describe('progress on a commitment in a real browser', () => {
  const session = useBrowserSession();
  const { newPage, expectAccessible } = session;

  before(async () => {
    const { db } = session.served.app.ctx;
    const member = await createMember(db, { name: 'Republic of Browseria', memberType: 'national' });
    const plan = await createActionPlan(db, { member_id: member.id, number: 2 });
    const commitment = await createCommitment(db, {
      plan_id: plan.id,
      ogp_id: 'BR0007',
      title: 'Open the national budget',
      full_text: 'Publish the budget as open data every quarter.',
      source: 'ogp_sheet',
      irm: { specificity: 'medium', potential_impact: 'moderate', completion_progress: 'not_reviewed', verifiable: 'no_data' },
    });
    await createMilestone(db, commitment.id, { position: 1, title: 'Publish the first quarter', weight: 1 });
    await createProgressUpdate(db, commitment.id, { reported_on: '2024-03-31', status: 'limited', percent_complete: 10, narrative: 'Imported from the sheet.' });
    await createUser(db, { email: CONTACT_EMAIL, displayName: 'Luz Contact', password: CONTACT_PASSWORD, roles: [{ role: 'government_poc', memberId: member.id }] });
    await createUser(db, { email: PARTICIPANT_EMAIL, displayName: 'Pablo Participant', password: PARTICIPANT_PASSWORD });
  });

  const timelineDates = (page: Page): Promise<string[]> => page.locator('#timeline + ol > li h3 time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
  const chartRows = (page: Page): Promise<string[]> => page.locator('table[data-chart-table] tbody tr').allInnerTexts();
  /** The chart is an image of its own: this waits until the browser has drawn it, and gives its width. */
  const drawnChartWidth = (page: Page): Promise<number> =>
    page.getByRole('img', { name: /Progress over time/ }).evaluate(async (img) => {
      await (img as HTMLImageElement).decode();
      return (img as HTMLImageElement).naturalWidth;
    });

  it('lets a point of contact report progress: errors first, then an update on the timeline and the chart', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await signIn(page, CONTACT_EMAIL, CONTACT_PASSWORD);
      await page.goto(COMMITMENT_URL);
      await page.getByRole('heading', { name: 'Open the national budget', level: 1 }).waitFor();
      await page.getByRole('img', { name: /Progress over time/ }).waitFor();
      assert.equal((await chartRows(page)).length, 1);
      await expectAccessible(page, 'commitment page as its point of contact');

      await page.getByRole('button', { name: 'Report progress' }).click();
      await page.waitForURL(`**${COMMITMENT_URL}/progress/new`);
      await page.getByRole('heading', { name: 'Report progress', level: 1 }).waitFor();
      await expectAccessible(page, 'progress update form');

      // Invalid: a percentage that is not a number, and nothing said about the work.
      await page.getByLabel('What is this update about?').selectOption({ label: 'Milestone 1: Publish the first quarter' });
      await page.getByLabel('Substantial').check();
      await page.getByLabel('Percent complete').fill('lots');
      await page.getByLabel('Evidence links (optional)').fill('https://budget.example.org/q1.csv');
      await page.getByRole('button', { name: 'Publish update' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      assert.match(await page.title(), /^Error: /);
      assert.deepEqual(await summary.getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('href'))), ['#percent', '#narrative']);
      assert.equal(await page.getByLabel('Percent complete').inputValue(), 'lots');
      assert.equal(await page.getByLabel('Evidence links (optional)').inputValue(), 'https://budget.example.org/q1.csv');
      assert.equal(await page.getByLabel('Substantial').isChecked(), true);
      await expectAccessible(page, 'progress update form with errors');
      await summary.getByRole('link', { name: 'Describe the progress made' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'narrative');
      await expectAccessible(page, 'progress update form after following an error link');

      await page.getByLabel('Percent complete').fill('60');
      await page.getByLabel('What has been done').fill('The first quarter is published as open data.');
      await page.getByRole('button', { name: 'Publish update' }).click();
      await page.waitForURL(`**${COMMITMENT_URL}?done=progress#timeline`);
      await page.getByText('Your progress update has been published on the timeline.').waitFor();
      const today = new Date().toISOString().slice(0, 10);
      assert.deepEqual(await timelineDates(page), [today, '2024-03-31']);
      const newest = page.locator('#timeline + ol > li').first();
      await newest.getByText('The first quarter is published as open data.').waitFor();
      await newest.getByText('Reported by Luz Contact, government point of contact for Republic of Browseria').waitFor();
      await newest.getByRole('link', { name: 'https://budget.example.org/q1.csv' }).waitFor();
      const rows = await chartRows(page);
      assert.equal(rows.length, 2);
      assert.match(rows[1] ?? '', /Milestone 1: Publish the first quarter\s+Substantial\s+60%/);
      assert.match((await page.getByRole('img', { name: /Progress over time/ }).getAttribute('alt')) ?? '', /2 progress updates from /);
      assert.equal(await drawnChartWidth(page), 640);
      await page.locator('.govuk-summary-card').getByText('60% complete').waitFor();
      await expectAccessible(page, 'commitment page after the update');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });

  it('gives a participant no form, refuses them the form page, and shows them the public record', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await signIn(page, PARTICIPANT_EMAIL, PARTICIPANT_PASSWORD);
      await page.goto(COMMITMENT_URL);
      await page.getByRole('heading', { name: 'Open the national budget', level: 1 }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Report progress' }).count(), 0);
      assert.equal(await page.getByRole('link', { name: /Report progress/ }).count(), 0);
      await page.locator('#timeline + ol').getByText('The first quarter is published as open data.').waitFor();
      await page.locator('[data-irm-report="progress"]').getByText('Not reviewed').waitFor();
      await page.locator('[data-irm-report="progress"]').getByText('No data').waitFor();
      await expectAccessible(page, 'commitment page as a participant');
      const response = await page.goto(`${COMMITMENT_URL}/progress/new`);
      assert.equal(response?.status(), 403);
      await page.getByRole('heading', { name: 'You do not have permission to do this' }).waitFor();
      await expectAccessible(page, 'progress form refused');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });

  it('shows a visitor the whole page, the chart drawn on the server so it needs no JavaScript', async () => {
    const visitor = await newPage();
    try {
      await visitor.page.goto(COMMITMENT_URL);
      await visitor.page.getByRole('img', { name: /Progress over time/ }).waitFor();
      await visitor.page.getByRole('heading', { name: 'Change history' }).waitFor();
      await visitor.page.locator('#change-history + table').getByText('Progress update published: 60% complete').waitFor();
      await expectAccessible(visitor.page, 'commitment page as a visitor');
      // At 320 CSS pixels the page reflows: the chart shrinks and its table scrolls in its own box (WCAG 1.4.10).
      await visitor.page.setViewportSize({ width: 320, height: 800 });
      const [scrollWidth, clientWidth] = await visitor.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scrollWidth <= clientWidth, `the page is ${scrollWidth}px wide in a ${clientWidth}px window`);
      await expectAccessible(visitor.page, 'commitment page at 320 pixels wide');
      assert.deepEqual(visitor.cspErrors, []);
    } finally {
      await visitor.context.close();
    }
    // axe itself needs JavaScript, so the page without it is checked for its content only.
    const plain = await newPage({ javaScriptEnabled: false });
    try {
      const chartLoaded = plain.page.waitForResponse((response) => new URL(response.url()).pathname === `${COMMITMENT_URL}/progress.svg`);
      await plain.page.goto(COMMITMENT_URL);
      await plain.page.getByRole('img', { name: /Progress over time/ }).waitFor();
      assert.equal((await chartRows(plain.page)).length, 2);
      const chart = await chartLoaded;
      assert.equal(chart.status(), 200);
      assert.equal(chart.headers()['content-type'], 'image/svg+xml; charset=utf-8');
      assert.match(await chart.text(), /fill="#0b5394"/);
      assert.deepEqual(plain.cspErrors, []);
    } finally {
      await plain.context.close();
    }
  });
});
