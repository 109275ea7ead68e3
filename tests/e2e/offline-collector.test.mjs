// The collector goes down once the page has read the project's
// configuration (without it the widget asks nothing), and is down when the
// visitor answers and across two reloads; once it is back, the next page
// load delivers the answer, once.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually, responses, statsWithResponses } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { outbox, queuedResponses, widgetStarted } from '../support/outbox.mjs';
import { press, prompt, scoreRadio } from '../support/prompt.mjs';
import { startSelfHost } from '../support/self-host.mjs';

let host;
const spec = specFixture({
  async setup({ collector, defer }) {
    // The app serves widget.js itself, so its pages load with the collector down.
    host = await startSelfHost(collector.url);
    defer(() => host.stop());
  },
});

const COMMENT = 'Written while your server was down';

test('an answer given while the collector is down survives reloads and is stored exactly once', async () => {
  const page = await spec.browser.newPage();
  const configRead = page.waitForResponse((r) => r.url().includes('/api/v1/config?'));
  await page.goto(host.url);
  await (await configRead).finished();
  await widgetStarted(page);
  await spec.collector.halt();
  await press(page, 'Ask me now');
  const dialog = prompt(page);
  await scoreRadio(dialog, 4).click();
  await dialog.getByRole('textbox').fill(COMMENT);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /thank/i }).waitFor();

  const [queued] = await eventually(() => queuedResponses(page), {
    until: (list) => list.length === 1,
    what: 'the answer in the outbox',
  });
  assert.equal(queued.score, 4);
  assert.equal(queued.comment, COMMENT, 'score and comment travel in one POST');

  for (let i = 0; i < 2; i++) {
    await page.reload();
    await widgetStarted(page);
    // The reload's flush fails too; the entry must still be there after it.
    const { entries } = await eventually(() => outbox(page), {
      until: (o) => o.entries.some((e) => e.request.response && e.attempts > 0 && !e.lease),
      what: `a failed attempt recorded after reload ${i + 1}`,
    });
    assert.equal(entries.filter((e) => e.request.response).length, 1, 'still exactly one queued answer');
  }

  await spec.collector.restart();
  await page.reload();

  const [stored] = await eventually(() => responses(spec.collector), {
    until: (list) => list.length === 1 && list[0].comment === COMMENT,
    timeout: 15_000,
    what: 'the answer to be stored with its comment',
  });
  assert.equal(stored.score, 4);
  await eventually(() => outbox(page), {
    until: (o) => o.entries.length === 0,
    timeout: 15_000,
    what: 'the outbox to empty (the shown events too)',
  });
  const stats = await statsWithResponses(spec.collector, 1);
  assert.equal(stats.detractors, 1);
  assert.equal((await responses(spec.collector)).length, 1, 'exactly one response');
});
