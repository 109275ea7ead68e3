// The prompt speaks French when asked to by init, by the browser's language
// or by a `locale` trait.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { specFixture } from '../support/fixture.mjs';
import { LABELS, openDemo, press, prompt, scoreRadio } from '../support/prompt.mjs';

// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({ browser: false });

async function browser(options) {
  const b = await spec.newBrowser(options);
  return b;
}

/** Chooses a score and checks the French follow-up controls. */
async function assertFrench(page) {
  const dialog = prompt(page, 'fr');
  await dialog.waitFor();
  await scoreRadio(dialog, 8).click();
  await dialog.getByRole('textbox').waitFor();
  await dialog.getByRole('button', { name: LABELS.fr.send, exact: true }).waitFor();
  await dialog.getByRole('button', { name: LABELS.fr.close, exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: LABELS.en.send, exact: true }).count(), 0, 'no English Send');
}

test("init's locale option: /demo/?locale=fr prompts in French", async () => {
  const page = await openDemo(await browser(), spec.collector, '?locale=fr');
  await press(page, 'Finish onboarding');
  await assertFrench(page);
});

test('navigator.language fr-FR prompts in French', async () => {
  const page = await openDemo(await browser({ locale: 'fr-FR' }), spec.collector);
  assert.match(await page.evaluate(() => navigator.language), /^fr/);
  await press(page, 'Ask me now');
  await assertFrench(page);
});

test('a locale trait from identify switches an English browser to French', async () => {
  const page = await openDemo(await browser({ locale: 'en-US' }), spec.collector);
  await press(page, 'Ask me now');
  const english = prompt(page, 'en');
  await english.waitFor();
  await english.getByRole('button', { name: LABELS.en.close, exact: true }).click();
  await english.waitFor({ state: 'hidden' });

  await page.getByLabel('User ID').fill('marie-7');
  await page.getByLabel('Language').selectOption('fr');
  await press(page, 'Sign in');
  await press(page, 'Ask me now');
  await assertFrench(page);
});
