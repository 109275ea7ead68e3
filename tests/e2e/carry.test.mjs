// A moment waiting for a pause with `carry: true` (issue 25), in real
// Chromium on the demo app: tracked while the user keeps typing, then the
// page left for another page of the same site before the pause, it does
// not prompt on the first page and prompts on the second once the user is
// idle; without `carry`, the second page shows nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { specFixture } from '../support/fixture.mjs';
import { staysHidden } from '../support/prompt.mjs';

const IDLE_MS = 650;

const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    const put = await fetch(`${collector.url}/api/v1/projects/demo/config`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${collector.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        moments: [
          { event: 'report_exported', idle: { idle_ms: IDLE_MS, max_wait_ms: 60_000, carry: true } },
          { event: 'report_shared', idle: { idle_ms: IDLE_MS, max_wait_ms: 60_000 } },
        ],
      }),
    });
    assert.equal(put.status, 200, await put.text());
  },
});

/** Tracks `moment` on a first page with input every 300 ms, leaves for a
 * second page before any pause, and returns that page. */
async function trackThenLeave(moment) {
  const page = await (await spec.newBrowser()).newPage();
  await page.goto(`${spec.collector.url}/demo/`);
  await page.evaluate((m) => window.nps('track', m), moment);
  for (let i = 0; i < 6; i++) {
    if (i % 2 === 0) await page.mouse.move(100 + i * 7, 200 + i * 3);
    else await page.keyboard.press('Shift');
    await staysHidden(page.getByRole('dialog'), 300);
  }
  await page.goto(`${spec.collector.url}/demo/?page=two`);
  return page;
}

test('a carried moment left before the pause prompts on the next page once the user is idle', async () => {
  const page = await trackThenLeave('report_exported');
  await page.getByRole('dialog').waitFor({ timeout: 5_000 });
  // Shown: no longer carried.
  const stored = await page.evaluate(() => localStorage.getItem('nps:demo:history'));
  assert.ok(!JSON.parse(stored).carry, `still carried: ${stored}`);
});

test('without carry, a moment left before the pause shows nothing on the next page', async () => {
  const page = await trackThenLeave('report_shared');
  await staysHidden(page.getByRole('dialog'), 3_000);
});
