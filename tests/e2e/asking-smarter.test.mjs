// The widget in an experiment and waiting for a pause (issue 25), in real
// Chromium on the demo app:
// - 40 different people on a two-variant moment each see one variant's
//   question, the same one after a reload; both variants are seen, and
//   the collector counts each person's impressions under her variant;
// - a moment that waits for a pause does not prompt while the page gets
//   input every 300 ms, and prompts within a second once it stops.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { adminGet, eventually } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { scoreRadio, staysHidden } from '../support/prompt.mjs';

const QUESTIONS = {
  control: 'Variant A: how likely are you to recommend us?',
  short: 'Variant B: would you recommend us?',
};
// Past the 300 ms between inputs with room for a slow input action on a
// busy machine, and short enough to prompt within the second.
const IDLE_MS = 650;

const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    const put = await fetch(`${collector.url}/api/v1/projects/demo/config`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${collector.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        // Every clock at zero: a reload may prompt again, so that the
        // same person can be seen twice.
        min_days_between_prompts: 0,
        days_after_decline: 0,
        days_after_response: 0,
        moments: [
          {
            event: 'onboarding_completed',
            experiment: { id: 'wording-e2e' },
            variants: Object.entries(QUESTIONS).map(([id, question]) => ({ id, weight: 1, texts: { en: { question } } })),
          },
          { event: 'report_exported', idle: { idle_ms: IDLE_MS, max_wait_ms: 60_000 } },
          {
            event: 'report_shared',
            experiment: { id: 'one-arm' },
            variants: [{
              id: 'left', weight: 1, position: 'bottom-left',
              texts: { en: { question: 'Shared: would you recommend us?', why_detractor: 'What made sharing hard?' } },
            }],
          },
        ],
      }),
    });
    assert.equal(put.status, 200, await put.text());
  },
});

/** The variant whose question the prompt `moment` opens on `page` asks (the dialog's name). */
async function variantAfter(page, moment) {
  await page.evaluate((m) => window.nps('track', m), moment);
  const [a, b] = Object.values(QUESTIONS).map((name) => page.getByRole('dialog', { name, exact: true }));
  await a.or(b).waitFor();
  return (await a.count()) ? 'control' : 'short';
}

/** The impressions the collector counted per variant. */
async function impressions() {
  const x = await adminGet(spec.collector, '/api/v1/stats/experiments?project=demo&moment=onboarding_completed');
  return Object.fromEntries(x.variants.map((v) => [v.id, v.shown]));
}

/** One person's two visits: the variant she saw each time. */
async function visitTwice(browser) {
  const page = await browser.newPage();
  await page.goto(`${spec.collector.url}/demo/`);
  const first = await variantAfter(page, 'onboarding_completed');
  await page.reload();
  return [first, await variantAfter(page, 'onboarding_completed')];
}

test('40 people on a two-variant moment each see one variant, the same after a reload', async () => {
  const seen = { control: 0, short: 0 };
  // Four people at a time, each in a browser of her own (her own storage,
  // her own anonymous id).
  for (let batch = 0; batch < 10; batch++) {
    const browsers = await Promise.all([0, 1, 2, 3].map(() => spec.newBrowser()));
    const visits = await Promise.all(browsers.map(visitTwice));
    for (const [i, [first, again]] of visits.entries()) {
      assert.equal(again, first, `person ${batch * 4 + i} saw another variant after a reload`);
      seen[first] += 1;
    }
    // Each person's two impressions reached the collector under her
    // variant (before her browser, and its outbox, go away).
    const want = { control: 2 * seen.control, short: 2 * seen.short };
    await eventually(impressions, {
      until: (got) => got.control === want.control && got.short === want.short,
      what: `impressions ${JSON.stringify(want)}`,
    });
    await Promise.all(browsers.map((b) => b.close()));
  }
  assert.ok(seen.control > 0 && seen.short > 0, `both variants are seen: ${JSON.stringify(seen)}`);
});

test('a moment waiting for a pause does not prompt during input every 300 ms, then prompts within a second', async () => {
  const page = await (await spec.newBrowser()).newPage();
  await page.goto(`${spec.collector.url}/demo/`);
  await page.evaluate(() => window.nps('track', 'report_exported'));
  const dialog = page.getByRole('dialog');
  // Input every 300 ms for 4 s: the pointer, the wheel and keys in turn.
  let stopped;
  for (let i = 0; i < 14; i++) {
    if (i % 3 === 0) await page.mouse.move(100 + i * 7, 200 + i * 3);
    else if (i % 3 === 1) await page.mouse.wheel(0, 40);
    else await page.keyboard.press('Shift');
    stopped = Date.now();
    await staysHidden(dialog, 300);
  }
  // The input stopped: the prompt comes once the page was quiet IDLE_MS.
  await dialog.waitFor({ timeout: 1_000 - (Date.now() - stopped) });
});

test("a variant's position and its \"why?\" for a detractor replace the project's, and its answer records it", async () => {
  const page = await (await spec.newBrowser()).newPage();
  await page.goto(`${spec.collector.url}/demo/`);
  await page.evaluate(() => window.nps('track', 'report_shared'));
  const dialog = page.getByRole('dialog', { name: 'Shared: would you recommend us?', exact: true });
  await dialog.waitFor();
  const box = await dialog.boundingBox();
  assert.ok(box.x < 1280 / 2, `bottom-left: the dialog starts at x = ${box.x}`);
  await scoreRadio(dialog, 3).click();
  await dialog.getByText('What made sharing hard?', { exact: true }).waitFor();
  const x = await eventually(
    () => adminGet(spec.collector, '/api/v1/stats/experiments?project=demo&moment=report_shared'),
    { until: (x) => x.variants[0].shown === 1 && x.variants[0].answered === 1, what: 'the impression and the answer' },
  );
  assert.equal(x.variants[0].id, 'left');
});
