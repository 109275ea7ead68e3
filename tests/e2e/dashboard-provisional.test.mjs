// Small samples read honestly: one answer of 10 is not "an NPS of 100".
// The overview leads with the API's reading, interval first ("1 answer:
// too few to estimate; between −48 and +98"), in the reader's language,
// flags it as provisional in words, and keeps the number small and named
// as such. A project with enough answers still gets its number as the
// headline.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { adminGet, adminPost } from '../support/api.mjs';
import { openWithToken, screenshots, seedAnswers, seriousViolations } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

const spec = specFixture({
  // A hundred answers from one address in a few seconds.
  collector: { rateLimits: false },
  async setup({ collector }) {
    await seedAnswers(collector, [{ score: 10 }]);
    await adminPost(collector, '/api/v1/projects', { key: 'big', name: 'Big', verify_identity: false });
    const scores = [...Array(70).fill(10), ...Array(10).fill(8), ...Array(20).fill(0)];
    await seedAnswers(collector, scores.map((score) => ({ score, key: 'big' })));
  },
});

test('one answer reads as "too few to estimate", not as a bare 100', async () => {
  const stats = await adminGet(spec.collector, '/api/v1/stats?project=demo');
  assert.equal(stats.nps, 100, 'one promoter');
  assert.equal(stats.provisional, true);
  assert.match(stats.reading_en, /^1 answer: too few to estimate; between −\d+ and \+\d+$/);

  const page = await openWithToken(spec.browser, spec.collector);
  const card = page.getByRole('region', { name: 'Net Promoter Score' });
  await card.getByText(stats.reading_en).waitFor();
  // The flag is a word, not a colour.
  await card.getByText('Provisional', { exact: true }).waitFor();
  await card.getByText('Fewer than 30 answers', { exact: false }).waitFor();
  // The number is there, small, after the reading, and named provisional.
  const score = card.getByRole('status', { name: 'Net Promoter Score (provisional)' });
  assert.equal(await score.textContent(), '100');
  assert.equal(await card.locator('.big').count(), 0, 'no headline number');
  const text = await card.innerText();
  assert.ok(text.indexOf('too few to estimate') < text.indexOf('100'), `reading first: ${text}`);
  // The change figure spells out both sides while one is provisional.
  await page.getByRole('region', { name: 'Change' }).getByText('This period: 1 answer: too few to estimate', { exact: false }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await screenshots(page, 'dashboard-provisional');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await card.getByText(stats.reading_fr).waitFor();
  assert.match(stats.reading_fr, /^1 réponse : trop peu pour estimer/);
  await card.getByRole('status', { name: 'Net Promoter Score (provisoire)' }).waitFor();
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await page.close();
});

test('a hundred answers with a narrow margin keep the number as the headline', async () => {
  const stats = await adminGet(spec.collector, '/api/v1/stats?project=big');
  assert.equal(stats.provisional, false, `margin ${stats.margin_of_error}`);

  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/overview?project=big');
  const card = page.getByRole('region', { name: 'Net Promoter Score' });
  const score = card.getByRole('status', { name: 'Net Promoter Score', exact: true });
  await score.waitFor();
  assert.equal(await score.textContent(), String(stats.nps));
  await card.locator('.big').waitFor();
  await card.getByText('n = 100').waitFor();
  assert.equal(await card.getByText('Provisional', { exact: true }).count(), 0);
  await page.close();
});
