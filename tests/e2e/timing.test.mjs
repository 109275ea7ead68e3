// The timing rules in real Chromium against the real collector, with the
// page's clock faked (`page.clock`): "Ask me later" re-asks after 7 days,
// Close holds the next prompt for 30 days, `nps('debug')` logs why, and a
// project's own rules and texts (PUT by the admin API) reach the widget.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { openDemo, press, prompt, staysHidden } from '../support/prompt.mjs';

const START = new Date('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({ browser: false });

/** A fresh visitor whose page clock starts at START. */
async function visitor() {
  const browser = await spec.newBrowser();
  const page = await browser.newPage();
  await page.clock.install({ time: START });
  await page.goto(`${spec.collector.url}/demo/`);
  return page;
}

/** Reloads the page `days` after START and tracks the onboarding moment. */
async function trackOnDay(page, days) {
  await page.reload();
  await page.clock.setSystemTime(new Date(START.getTime() + days * DAY));
  await press(page, 'Finish onboarding');
}

test('"Ask me later" hides the prompt and re-asks after 7 days, not before', async () => {
  const page = await visitor();
  const events = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('/api/v1/events') && response.request().method() === 'POST') {
      events.push({ kind: response.request().postDataJSON().kind, status: response.status() });
    }
  });
  const dialog = prompt(page);
  await press(page, 'Finish onboarding');
  await dialog.getByRole('button', { name: 'Ask me later', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await eventually(() => events, {
    until: (list) => list.some((e) => e.kind === 'snoozed' && e.status < 300),
    what: `the collector to accept a snoozed event (got ${JSON.stringify(events)})`,
  });

  await trackOnDay(page, 6.9);
  await staysHidden(dialog);

  await trackOnDay(page, 7.01);
  await dialog.waitFor();
});

test('after Close, the next prompt waits 30 days, and debug mode says why', async () => {
  const page = await visitor();
  const dialog = prompt(page);
  await press(page, 'Finish onboarding');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  const logged = [];
  page.on('console', (msg) => {
    if (msg.type() === 'info') logged.push(msg.text());
  });
  await page.reload();
  await page.clock.setSystemTime(new Date(START.getTime() + 29.5 * DAY));
  await page.evaluate(() => window.nps('debug'));
  await press(page, 'Finish onboarding');
  await staysHidden(dialog);
  assert.ok(
    logged.some((l) => l.startsWith('[nps] cooldown: last shown 29 days ago, needs 30 (declined)')),
    `the reason is logged (got ${JSON.stringify(logged)})`,
  );

  await trackOnDay(page, 30.01);
  await dialog.waitFor();
});

test("the project's own rules and texts from the collector apply: 2 days after Close", async () => {
  const rules = {
    moments: [
      {
        event: 'onboarding_completed',
        texts: { en: { question: 'How likely are you to recommend our onboarding?' } },
      },
    ],
    min_days_between_prompts: 1,
    days_after_decline: 2,
  };
  const put = await fetch(`${spec.collector.url}/api/v1/projects/demo/config`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${spec.collector.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(rules),
  });
  assert.equal(put.status, 200, await put.text());

  const page = await visitor();
  const dialog = page.getByRole('dialog', { name: 'How likely are you to recommend our onboarding?' });
  await press(page, 'Finish onboarding');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  await trackOnDay(page, 1.9);
  await staysHidden(dialog);

  await trackOnDay(page, 2.01);
  await dialog.waitFor();
});
