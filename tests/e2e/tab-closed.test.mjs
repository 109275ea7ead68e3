// The visitor answers and closes the tab at once, while the collector is
// unreachable (it went down after the page read the project's
// configuration, without which the widget asks nothing): a later page of
// the same browser delivers the answer, once.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually, responses } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { outbox, widgetStarted } from '../support/outbox.mjs';
import { press, prompt, scoreRadio } from '../support/prompt.mjs';
import { startSelfHost } from '../support/self-host.mjs';

let host;
const spec = specFixture({
  async setup({ collector, defer }) {
    host = await startSelfHost(collector.url);
    defer(() => host.stop());
  },
});

/** Opens the host app in a new tab of the same browser (same localStorage). */
async function openTab() {
  const page = await spec.browser.context.newPage();
  await page.goto(host.url);
  await widgetStarted(page);
  return page;
}

/** A tab whose widget has read the configuration; then the collector goes down. */
async function openTabThenHalt() {
  const page = await spec.browser.context.newPage();
  const configRead = page.waitForResponse((r) => r.url().includes('/api/v1/config?'));
  await page.goto(host.url);
  await (await configRead).finished();
  await widgetStarted(page);
  await spec.collector.halt();
  return page;
}

test('an answer sent just before the tab closes is delivered by a later tab, with its comment', async () => {
  const page = await openTabThenHalt();
  await press(page, 'Ask me now');
  const dialog = prompt(page);
  await scoreRadio(dialog, 8).click();
  await dialog.getByRole('textbox').fill('Closing the tab right away');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await page.close();

  await spec.collector.restart();
  const later = await openTab();
  const [stored] = await eventually(() => responses(spec.collector), {
    until: (list) => list.length === 1 && list[0].comment === 'Closing the tab right away',
    timeout: 20_000, // a tab closed mid-request leaves its entry leased for 10 s
    what: 'the answer and its comment',
  });
  assert.equal(stored.score, 8);
  await eventually(() => outbox(later), { until: (o) => o.entries.length === 0, timeout: 20_000, what: 'an empty outbox' });
  assert.equal((await responses(spec.collector)).length, 1, 'exactly one response');
  await later.close();
});

test('a score still in its debounce when the tab closes is sent on pagehide and not lost', async () => {
  const before = (await responses(spec.collector)).length;
  const page = await openTabThenHalt();
  await press(page, 'Ask me now');
  await scoreRadio(prompt(page), 10).click();
  // Closed before the 600 ms debounce sends the score.
  await page.close();

  await spec.collector.restart();
  const later = await openTab();
  const list = await eventually(() => responses(spec.collector), {
    until: (l) => l.length === before + 1,
    timeout: 20_000,
    what: 'the debounced score',
  });
  assert.equal(list.filter((r) => r.score === 10).length, 1, 'the 10 stored once');
  await later.close();
});
