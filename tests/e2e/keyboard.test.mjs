// The prompt can be answered, and dismissed, with the keyboard alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually, responses } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { demoEvents, openDemo, prompt, scoreRadio, tabUntil } from '../support/prompt.mjs';

const spec = specFixture();

test('digits and arrows pick a score, Tab reaches the comment and Send, Enter sends', async () => {
  const page = await openDemo(spec.browser, spec.collector);
  await page.getByRole('button', { name: 'Finish onboarding' }).focus();
  await page.keyboard.press('Enter');
  const dialog = prompt(page);
  await dialog.waitFor();

  await tabUntil(page, (f) => f.inDialog && f.role === 'radio');
  await page.keyboard.press('7');
  assert.equal(await scoreRadio(dialog, 7).isChecked(), true, 'digit 7 selects 7');
  await page.keyboard.press('ArrowRight');
  assert.equal(await scoreRadio(dialog, 8).isChecked(), true, 'ArrowRight moves to 8');
  assert.equal(await scoreRadio(dialog, 7).isChecked(), false, 'and unselects 7');

  await tabUntil(page, (f) => f.inDialog && f.role === 'textbox');
  await page.keyboard.type('Keyboard only, works fine');
  await tabUntil(page, (f) => f.inDialog && f.role === 'button' && f.name === 'Send');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden', timeout: 6_000 });

  const [stored] = await eventually(() => responses(spec.collector), {
    until: (list) => list.length === 1 && list[0].comment === 'Keyboard only, works fine',
    what: 'the keyboard answer with its comment',
  });
  assert.equal(stored.score, 8);
});

test('Escape closes a new prompt and reports it dismissed', async () => {
  const page = await openDemo(spec.browser, spec.collector);
  await page.getByRole('button', { name: 'Ask me now' }).focus();
  await page.keyboard.press('Enter');
  const dialog = prompt(page);
  await dialog.waitFor();

  await tabUntil(page, (f) => f.inDialog);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  await eventually(() => demoEvents(page), {
    until: (events) => events.includes('dismissed'),
    what: 'the dismissed callback',
  });
  const list = await responses(spec.collector);
  assert.equal(list.length, 1, 'dismissing without a score stores nothing new');
});
