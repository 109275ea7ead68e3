// The person page (`#/people/{user_id}`): one person's story in order, from
// the answer to the notice she saw, reached from the comments feed.
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { test } from 'node:test';

import { adminPost } from '../support/api.mjs';
import { openWithToken, screenshots } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

let secret;

async function call(collector, method, path, body, admin = true) {
  const headers = { 'Content-Type': 'application/json' };
  if (admin) headers.Authorization = `Bearer ${collector.token}`;
  const r = await fetch(`${collector.url}${path}`, { method, headers, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

const spec = specFixture({
  async setup({ collector }) {
    const project = await adminPost(collector, '/api/v1/projects', { key: 'signed', name: 'Signed', moments: ['upgraded'] });
    secret = project.identity_secret;
    const proof = createHmac('sha256', secret).update('ana').digest('hex');
    const who = { key: 'signed', user_id: 'ana', user_hash: proof };
    await call(collector, 'POST', '/api/v1/events', { ...who, id: randomUUID(), kind: 'shown', moment: 'upgraded' }, false);
    const id = randomUUID();
    await call(collector, 'POST', '/api/v1/responses', { ...who, id, score: 3, comment: 'The CSV export times out', secret: randomUUID().replaceAll('-', '') }, false);
    await adminPost(collector, `/api/v1/responses/${id}/tags?project=signed`, { tag: 'export' });
    await call(collector, 'PATCH', `/api/v1/followups/${id}?project=signed`, { status: 'contacted', note: 'Called her' });
    await call(collector, 'PATCH', '/api/v1/tags/export?project=signed', {
      status: 'shipped', announcement: { en: 'CSV export is ten times faster now.' },
    });
    const eligibility = await (await fetch(`${collector.url}/api/v1/eligibility?key=signed&user_id=ana&user_hash=${proof}`)).json();
    await call(collector, 'POST', '/api/v1/events', { ...who, id: randomUUID(), kind: 'notice_seen', notice: eligibility.notices[0].id }, false);
  },
});

test("the person page tells one person's story in order", async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/comments?project=signed');
  await page.getByRole('link', { name: "See this person's story" }).click();
  await page.waitForURL(/\/dashboard\/people\?.*user=ana/);
  const items = page.locator('ol.timeline > li');
  await items.first().waitFor();
  const kinds = await items.locator('strong').allTextContents();
  assert.deepEqual(kinds, [
    'Was shown the prompt', 'Answered', 'Tagged', 'Follow-up', 'Note', 'Told it shipped', 'Saw the notice',
  ]);
  await page.getByText('“The CSV export times out”', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Erase this person' }).waitFor();
  await screenshots(page, 'person-page');

  // The same page from its fragment address.
  const direct = await spec.browser.newPage();
  await direct.goto(`${spec.collector.url}/dashboard/?project=signed#token=${spec.collector.token}`);
  await direct.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
  await direct.goto(`${spec.collector.url}/dashboard/?project=signed#/people/ana`);
  await direct.locator('ol.timeline > li').nth(6).waitFor();
  await direct.close();
  await page.close();
});

test('the follow-up page shows the loop closed: contacted, told and seen', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/follow-up?project=signed&status=all');
  const card = page.getByRole('region', { name: 'Closing the loop' });
  await card.getByText('1 / 1').waitFor();
  const figures = await card.locator('dd').allTextContents();
  assert.equal(figures[0], '1', 'one detractor');
  await screenshots(page, 'follow-up-loop');
  await page.close();
});
