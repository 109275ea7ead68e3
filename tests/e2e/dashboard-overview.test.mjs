// The overview of seeded answers shows the NPS and its 95% interval as the
// API computes them (ten answers are provisional: the interval in words
// first); filtering by a moment and a trait goes into the URL,
// survives a reload and changes the numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { adminGet } from '../support/api.mjs';
import { openWithToken, putConfig, seedAnswers } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

process.env.NPS_RATE_LIMIT_PER_IP = '0';

const spec = specFixture({
  async setup({ collector }) {
    await putConfig(collector, { moments: [{ event: 'onboarding_completed' }, { event: 'support_ticket_resolved' }] });
    const scores = [10, 9, 9, 10, 9, 8, 7, 8, 3, 6];
    await seedAnswers(collector, scores.map((score, i) => ({
      score,
      comment: `answer ${i}`,
      moment: i % 2 ? 'onboarding_completed' : 'support_ticket_resolved',
      traits: { plan: i % 3 ? 'pro' : 'free' },
    })));
  },
});

/** One decimal at most, as the dashboard writes numbers in English. */
const num = (v) => {
  const r = (Math.sign(v) * Math.round(Math.abs(v) * 10)) / 10; // half away from zero, as Rust
  return Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1);
};

/**
 * The score as the API computed it. Ten answers or fewer are provisional:
 * the API's reading (answers and interval, in words) is the headline and
 * the number is named as provisional; a firm score shows the number, its
 * interval and n.
 */
async function expectScore(page, stats) {
  const score = page.getByRole('status', { name: 'Net Promoter Score' });
  await page.waitForFunction(
    (want) => document.querySelector('output')?.textContent === want,
    num(stats.nps),
  );
  assert.equal(await score.textContent(), num(stats.nps));
  if (stats.provisional) {
    assert.match(stats.reading_en, new RegExp(`^${stats.responses} answers?: too few to estimate; between`));
    await page.getByRole('region', { name: 'Net Promoter Score' }).getByText(stats.reading_en).waitFor();
    assert.match(await score.getAttribute('aria-label'), /\(provisional\)$/);
  } else {
    await page.getByText(`95% interval: ${num(stats.ci95.low)} to ${num(stats.ci95.high)}`).waitFor();
    await page.getByText(`n = ${stats.responses}`).waitFor();
  }
}

test('the overview shows the NPS with its 95% interval and sample size', async () => {
  const stats = await adminGet(spec.collector, '/api/v1/stats?project=demo');
  assert.equal(stats.nps, 30, 'five promoters, three passives, two detractors');
  const page = await openWithToken(spec.browser, spec.collector);
  await expectScore(page, stats);
  await page.getByText('50% promoters, 30% passives, 20% detractors, of 10 responses.').waitFor();
  await page.getByText('The most frequent score is 9 (3 responses).', { exact: false }).waitFor();
  // Every chart has its data as a table.
  await page.getByText('Show the data as a table').first().click();
  assert.ok(await page.getByRole('table').count() >= 1);
  await page.close();
});

test('filtering by a moment and a trait is kept in the URL, across a reload', async () => {
  const page = await openWithToken(spec.browser, spec.collector);
  await page.getByRole('combobox', { name: 'Moment' }).selectOption('support_ticket_resolved');
  await page.getByRole('textbox', { name: 'Trait' }).first().fill('plan');
  await page.getByRole('textbox', { name: 'Value' }).first().fill('pro');
  await page.getByRole('button', { name: 'Apply' }).click();

  await page.waitForURL(/trait\.plan=pro/);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/dashboard/overview');
  assert.equal(url.searchParams.get('moment'), 'support_ticket_resolved');
  assert.equal(url.searchParams.get('trait.plan'), 'pro');
  assert.equal(url.searchParams.get('project'), 'demo');

  const filtered = await adminGet(spec.collector, '/api/v1/stats?project=demo&moment=support_ticket_resolved&trait.plan=pro');
  assert.ok(filtered.responses < 10, 'the filter narrows the answers');
  await expectScore(page, filtered);

  await page.reload();
  await expectScore(page, filtered);
  assert.equal(await page.getByRole('combobox', { name: 'Moment' }).inputValue(), 'support_ticket_resolved');
  assert.equal(await page.getByRole('textbox', { name: 'Value' }).first().inputValue(), 'pro');

  // The navigation carries the filters to the next page.
  await page.getByRole('link', { name: 'Segments' }).click();
  await page.waitForURL(/\/dashboard\/segments\?/);
  assert.equal(new URL(page.url()).searchParams.get('trait.plan'), 'pro');
  await page.close();
});
