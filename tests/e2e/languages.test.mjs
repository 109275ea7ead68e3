// The prompt in every language it speaks: chosen by init, by the browser's
// language with its region stripped, named in that language, recorded as
// the answer's locale; Arabic mirrored (dir, scale order, arrows, corner);
// axe-core finds nothing serious in Arabic and German; screenshots at
// 1280 and 390 px show nothing overflowing.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually, responses } from '../support/api.mjs';
import { screenshots, seriousViolations } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';
import { LABELS, QUESTION, openDemo, press, prompt, scoreRadio } from '../support/prompt.mjs';

const spec = specFixture({ browser: false });

/** Whether anything in the prompt's card is wider than the card. */
function overflowing(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-nps-widget]').shadowRoot;
    const card = root.querySelector('[role="dialog"]');
    const box = card.getBoundingClientRect();
    const out = [...card.querySelectorAll('*')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
    });
    return {
      card: card.scrollWidth > card.clientWidth || box.left < 0 || box.right > innerWidth,
      children: out.map((el) => el.outerHTML.slice(0, 60)),
    };
  });
}

for (const locale of ['en', 'fr', 'de', 'es', 'it', 'pt', 'pt-BR', 'nl', 'ar']) {
  test(`init({locale: '${locale}'}) prompts in that language and records it`, async () => {
    const browser = await spec.newBrowser({ locale: 'en-US' });
    const page = await openDemo(browser, spec.collector, `?locale=${locale}`);
    await press(page, 'Ask me now');
    const dialog = prompt(page, locale);
    await dialog.waitFor();
    await dialog.getByRole('button', { name: LABELS[locale].close, exact: true }).waitFor();
    await scoreRadio(dialog, 8).click();
    const send = dialog.getByRole('button', { name: LABELS[locale].send, exact: true });
    await send.waitFor();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 844 });
      assert.deepEqual(await overflowing(page), { card: false, children: [] }, `${locale} at ${width} px`);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshots(page, `prompt-${locale}`);
    await dialog.getByRole('textbox').fill(`answer in ${locale}`);
    await send.click();
    const stored = await eventually(() => responses(spec.collector), {
      until: (list) => list.some((r) => r.comment === `answer in ${locale}`),
      what: `the ${locale} answer`,
    });
    assert.equal(stored.find((r) => r.comment === `answer in ${locale}`).locale, locale);
    await browser.close();
  });
}

test('the browser language picks the language, region stripped where only the language has texts', async () => {
  const cases = [['de-AT', 'de'], ['pt-BR', 'pt-BR'], ['pt-AO', 'pt'], ['es-MX', 'es'], ['ar-EG', 'ar'], ['ja-JP', 'en']];
  for (const [tag, want] of cases) {
    const browser = await spec.newBrowser({ locale: tag });
    const page = await openDemo(browser, spec.collector);
    await press(page, 'Ask me now');
    await prompt(page, want).waitFor();
    await browser.close();
  }
});

test('in Arabic the prompt is mirrored: dir=rtl, 0 at the right, arrows follow, corner swapped', async () => {
  const browser = await spec.newBrowser({ locale: 'en-US' });
  const page = await openDemo(browser, spec.collector, '?locale=ar');
  await press(page, 'Ask me now');
  const dialog = prompt(page, 'ar');
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('dir'), 'rtl');
  const zero = await scoreRadio(dialog, 0).boundingBox();
  const ten = await scoreRadio(dialog, 10).boundingBox();
  assert.ok(zero.x > ten.x, `0 (x=${zero.x}) is to the right of 10 (x=${ten.x})`);
  // The demo project keeps the default corner, bottom-right: mirrored, left.
  const card = await dialog.boundingBox();
  assert.ok(card.x + card.width / 2 < 640, `the card sits bottom-left (x=${card.x})`);
  const close = await dialog.getByRole('button', { name: LABELS.ar.close, exact: true }).boundingBox();
  assert.ok(close.x < card.x + card.width / 2, 'the × is in the left corner');

  await scoreRadio(dialog, 4).focus();
  await page.keyboard.press('4');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await scoreRadio(dialog, 5).isChecked(), true, 'ArrowLeft moves to 5, the radio on the left');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await scoreRadio(dialog, 3).isChecked(), true, 'ArrowRight moves back towards 0');
  await page.keyboard.press('ArrowDown');
  assert.equal(await scoreRadio(dialog, 4).isChecked(), true, 'ArrowDown still goes up');
  // Western digits on the scale.
  assert.equal(await scoreRadio(dialog, 10).textContent(), '10');
  await browser.close();
});

for (const locale of ['ar', 'de']) {
  test(`axe-core finds no serious violation in the ${locale} prompt`, async () => {
    const browser = await spec.newBrowser({ locale: 'en-US' });
    const page = await openDemo(browser, spec.collector, `?locale=${locale}`);
    await press(page, 'Ask me now');
    const dialog = prompt(page, locale);
    await dialog.waitFor();
    await scoreRadio(dialog, 3).click();
    await dialog.getByRole('textbox').waitFor();
    // The prompt only: the demo page's own markup is not under test here.
    assert.deepEqual(await seriousViolations(page, '[data-nps-widget]'), []);
    await browser.close();
  });
}
