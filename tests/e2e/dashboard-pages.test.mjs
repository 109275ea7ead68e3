// Every page of the dashboard, at desktop and phone width: screenshots in
// test-results/, no serious or critical axe-core violation, keyboard
// basics, the language menu, and the timing form's inline validation.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openWithToken, putConfig, screenshots, seedAnswers, seriousViolations } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

process.env.NPS_RATE_LIMIT_PER_IP = '0';

const PAGES = [
  ['overview', 'Overview'],
  ['segments', 'Segments'],
  ['comments', 'Comments'],
  ['follow-up', 'Follow-up'],
  ['timing', 'Timing'],
  ['look', 'Look'],
  ['integrations', 'Integrations'],
  ['members', 'Members'],
];

const spec = specFixture({
  async setup({ collector }) {
    await putConfig(collector, {
      moments: [{ event: 'onboarding_completed', days_since_signup: 7 }, { event: 'support_ticket_resolved', delay_seconds: 5 }],
      quiet_after: [{ event: 'support_contacted', hours: 24 }],
    });
    const scores = [10, 9, 9, 10, 9, 8, 7, 8, 3, 6, 2, 10];
    await seedAnswers(collector, scores.map((score, i) => ({
      score,
      comment: i % 4 === 3 ? undefined : `Answer number ${i}: ${score > 8 ? 'great reports' : 'slow exports'}`,
      moment: i % 2 ? 'onboarding_completed' : 'support_ticket_resolved',
      traits: { plan: i % 3 ? 'pro' : 'free', signed_up_at: '2026-01-01' },
      locale: i % 4 ? 'en' : 'fr',
    })));
  },
});

for (const [path, name] of PAGES) {
  test(`${name}: screenshots and no serious accessibility violation`, async () => {
    const page = await openWithToken(spec.browser, spec.collector, `/dashboard/${path}?project=demo`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('link', { name, exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
    await page.waitForLoadState('networkidle');
    await page.getByText('Loading…').waitFor({ state: 'detached' }).catch(() => {});
    for (const d of await page.locator('main details').all()) await d.evaluate((e) => { e.open = true; });
    await screenshots(page, `dashboard-${path}`);
    assert.deepEqual(await seriousViolations(page), [], `${name} at 1280 px`);
    await page.setViewportSize({ width: 390, height: 844 });
    assert.deepEqual(await seriousViolations(page), [], `${name} at 390 px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} does not scroll sideways at 390 px (${overflow} px too wide)`);
    await page.close();
  });
}

test('the keyboard reaches the skip link first, then the navigation', async () => {
  const page = await openWithToken(spec.browser, spec.collector);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#main');
  // Navigating by keyboard moves focus to the new page's heading.
  await page.getByRole('link', { name: 'Comments' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'page-title');
  await page.close();
});

test('the language menu turns the dashboard French and back', async () => {
  const page = await openWithToken(spec.browser, spec.collector);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await page.getByRole('link', { name: "Vue d'ensemble" }).waitFor();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  await screenshots(page, 'dashboard-overview-fr');
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await page.getByRole('link', { name: 'Overview' }).waitFor();
  await page.close();
});

test('a timing rule the collector refuses is explained next to its field', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/timing?project=demo');
  await page.getByText('Asks after onboarding_completed (7 days after signup).').waitFor();
  const moment = page.getByRole('group', { name: 'Moment onboarding_completed' });
  await moment.getByRole('textbox', { name: 'Days after a decline (this moment)' }).fill('7');
  await page.getByRole('button', { name: 'Save timing rules' }).click();
  await moment.getByText('may not be below min_days_between_prompts').waitFor();
  await moment.getByRole('textbox', { name: 'Days after a decline (this moment)' }).fill('45');
  await page.getByRole('button', { name: 'Save timing rules' }).click();
  await page.getByText('Timing rules saved.', { exact: false }).waitFor();
  await page.close();
});
