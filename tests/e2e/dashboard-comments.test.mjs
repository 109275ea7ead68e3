// The comments feed renders what respondents typed as text (markup is
// never interpreted), searches, and tags answers by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually, responses } from '../support/api.mjs';
import { openWithToken, seedAnswers } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

const XSS = '<img src=x onerror=alert(1)>';

const spec = specFixture({
  async setup({ collector }) {
    await seedAnswers(collector, [
      { score: 2, comment: XSS },
      { score: 9, comment: 'Lovely reports' },
      { score: 5, comment: 'Billing page is slow' },
    ]);
  },
});

test('a comment holding markup shows as text and runs nothing', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/comments?project=demo');
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.getByText(XSS, { exact: true }).waitFor();
  assert.equal(await page.locator('main img').count(), 0, 'no <img> element was created');
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], 'no script ran');
  await page.close();
});

test('searching the comments keeps the words in the URL', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/comments?project=demo');
  await page.getByRole('searchbox', { name: 'Search the comments' }).fill('billing');
  await page.getByRole('button', { name: 'Search the comments' }).click();
  await page.waitForURL(/q=billing/);
  await page.getByText('Billing page is slow').waitFor();
  await page.getByText('Lovely reports').waitFor({ state: 'detached' });
  await page.close();
});

test('a tag added by hand is stored and can be removed', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/comments?project=demo&q=lovely');
  const item = page.getByRole('listitem').filter({ hasText: 'Lovely reports' });
  await item.getByRole('textbox', { name: 'Add a tag' }).fill('reports');
  await item.getByRole('button', { name: 'Add', exact: true }).click();
  await item.getByRole('button', { name: 'Remove tag reports' }).waitFor();
  await eventually(() => responses(spec.collector), {
    until: (list) => list.find((r) => r.comment === 'Lovely reports')?.tags?.includes('reports'),
    what: 'the tag to be stored',
  });
  await item.getByRole('button', { name: 'Remove tag reports' }).click();
  await item.getByRole('button', { name: 'Remove tag reports' }).waitFor({ state: 'detached' });
  await page.close();
});
