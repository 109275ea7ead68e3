// The dashboard changes what the widget does on a customer's page: the Look
// page's live preview is the widget's own prompt and follows the texts and
// colour as they are typed; a saved look and a cooldown changed on the
// Timing page are what the demo host page's widget then does.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually } from '../support/api.mjs';
import { openWithToken, putConfig, screenshots } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';
import { QUESTION, openDemo, scoreRadio, staysHidden } from '../support/prompt.mjs';
import { DAY, at, pageViewAt, reasonLogged, track, visitor } from '../support/timing.mjs';

const spec = specFixture();

/** The computed `background-color` of an element (it may be in a shadow root). */
const background = (locator) => locator.evaluate((e) => getComputedStyle(e).backgroundColor);

/** Waits out the buttons' colour transition (0.12 s), then asserts the colour. */
async function assertBackground(locator, expected, what) {
  // Still another colour after 2 s: the assertion below says which.
  await eventually(() => background(locator), { until: (c) => c === expected, timeout: 2_000, interval: 50 }).catch(() => {});
  assert.equal(await background(locator), expected, what);
}

test('the preview follows the texts and colour being edited, and the demo widget uses the saved look', async () => {
  await putConfig(spec.collector, { moments: [{ event: 'onboarding_completed' }] });
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/look?project=demo');
  const preview = page.getByRole('region', { name: 'Live preview' });
  await preview.getByRole('dialog', { name: QUESTION.en }).waitFor();
  // The preview never takes the focus from the form (or the page heading).
  assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-widget-preview')), false);

  const moment = page.getByRole('group', { name: 'Moment onboarding_completed' });
  await moment.getByRole('textbox', { name: 'Question (English)' }).fill('Would you recommend Acme to a colleague?');
  const dialog = preview.getByRole('dialog', { name: 'Would you recommend Acme to a colleague?' });
  await dialog.waitFor();
  await moment.getByRole('textbox', { name: 'Question (French)' }).fill('Recommanderiez-vous Acme à un collègue ?');
  await preview.getByRole('dialog', { name: 'Recommanderiez-vous Acme à un collègue ?' }).waitFor();
  await moment.getByRole('textbox', { name: 'Question (English)' }).fill('Would you recommend Acme to a colleague?');
  await dialog.waitFor();

  // A colour white text is unreadable on: said at once, and not saved.
  const color = page.getByRole('textbox', { name: 'Brand colour' });
  await color.fill('#ffcc00');
  await page.getByText('below WCAG AA', { exact: false }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save look' }).isDisabled(), true);

  await color.fill('#8a1c7c');
  await page.getByText('meets WCAG AA', { exact: false }).waitFor();
  await scoreRadio(dialog, 9).click();
  await assertBackground(scoreRadio(dialog, 9), 'rgb(138, 28, 124)', 'the chosen score wears the brand colour');
  await assertBackground(dialog.getByRole('button', { name: 'Send', exact: true }), 'rgb(138, 28, 124)', 'so does Send');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Dark' });
  await page.waitForFunction(() => {
    const host = document.querySelector('[data-widget-preview]');
    const card = host?.shadowRoot?.querySelector('[role=dialog]');
    return card && getComputedStyle(card).backgroundColor === 'rgb(29, 35, 48)';
  });
  await page.getByRole('combobox', { name: 'Position' }).selectOption({ label: 'Bottom left' });
  await screenshots(page, 'dashboard-look-edited');

  await page.getByRole('button', { name: 'Save look' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  const saved = await (await fetch(`${spec.collector.url}/api/v1/config?key=demo`)).json();
  assert.deepEqual(saved.appearance, { brand_color: '#8a1c7c', position: 'bottom-left', theme: 'dark' });
  assert.equal(saved.moments[0].texts.en.question, 'Would you recommend Acme to a colleague?');
  await page.close();

  // The customer's page: the same prompt, in the saved look.
  const other = await spec.newBrowser();
  const demo = await openDemo(other, spec.collector);
  await track(demo, 'onboarding_completed');
  const live = demo.getByRole('dialog', { name: 'Would you recommend Acme to a colleague?' });
  await live.waitFor();
  await scoreRadio(live, 9).click();
  await assertBackground(scoreRadio(live, 9), 'rgb(138, 28, 124)', 'brand colour on the host page');
  await assertBackground(live, 'rgb(29, 35, 48)', 'dark theme on the host page');
  const box = await live.boundingBox();
  const width = demo.viewportSize().width;
  assert.ok(box.x < width / 2 && box.x + box.width < width - 24, `bottom-left: ${JSON.stringify(box)} in ${width} px`);
});

test('a cooldown changed on the Timing page is what the demo page obeys at its next page view', async () => {
  await putConfig(spec.collector, { moments: [{ event: 'onboarding_completed' }] });
  const user = await visitor(spec);
  const dialog = user.getByRole('dialog', { name: QUESTION.en });
  await track(user, 'onboarding_completed');
  await scoreRadio(dialog, 8).click();
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await user.waitForFunction(() => JSON.parse(localStorage.getItem('nps:demo:history') ?? '{}').last_outcome === 'answered');

  // 45 days later, the default 90 days after an answer still hold.
  await pageViewAt(user, at(45.5 * DAY));
  await track(user, 'onboarding_completed');
  await reasonLogged(user, '[nps] cooldown: last shown 45 days ago, needs 90 (answered)');
  await staysHidden(dialog);

  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/timing?project=demo');
  await page.getByRole('textbox', { name: 'Days without prompt after an answer' }).fill('30');
  await page.getByRole('button', { name: 'Save timing rules' }).click();
  await page.getByText('Timing rules saved.', { exact: false }).waitFor();
  // The change is in the history, by whom, with what it changed.
  const history = page.getByRole('table', { name: 'History of changes' });
  const latest = history.getByRole('row').nth(1);
  await latest.getByText('days_after_response').waitFor();
  assert.match(await latest.innerText(), /admin-token/);
  assert.match(await latest.innerText(), /In use/);

  // The same visitor's next page view (same moment in time, same browser
  // cache) uses the new rule.
  await pageViewAt(user, at(45.5 * DAY));
  await track(user, 'onboarding_completed');
  await dialog.waitFor();
  await reasonLogged(user, '[nps] prompting: every rule allows it');

  // Reverting saves the version before the change again.
  const previous = history.getByRole('row').nth(2);
  const button = previous.getByRole('button', { name: /^Revert to version \d+$/ });
  const version = Number((await button.innerText()).match(/\d+$/)[0]);
  await button.click();
  await history.getByRole('row').nth(1).getByText(`reverted to version ${version}`, { exact: false }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Days without prompt after an answer' }).inputValue(), '90');
  const live = await (await fetch(`${spec.collector.url}/api/v1/config?key=demo`)).json();
  assert.equal(live.days_after_response, 90);
  await page.close();
});
