// The outbox's retry rules against a misbehaving network: transient
// failures are retried until stored (once), a refusal is not retried, and a
// request left hanging by a closed tab is taken over once its lease expires.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually, responses } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { outbox, widgetStarted } from '../support/outbox.mjs';
import { openDemo, press, prompt, scoreRadio } from '../support/prompt.mjs';

const spec = specFixture();

const unavailable = {
  status: 503,
  headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
  body: JSON.stringify({ code: 'unavailable', message: 'try again' }),
};

async function answer(page, score, comment) {
  await press(page, 'Ask me now');
  const dialog = prompt(page);
  await scoreRadio(dialog, score).click();
  await dialog.getByRole('textbox').fill(comment);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
}

test('503s are retried, honouring Retry-After, until the answer is stored once', async () => {
  const page = await openDemo(spec.browser, spec.collector);
  const attempts = [];
  await page.route('**/api/v1/responses', (route) => {
    attempts.push(Date.now());
    return attempts.length <= 2 ? route.fulfill(unavailable) : route.continue();
  });
  await widgetStarted(page);
  await answer(page, 6, 'Third time lucky');

  const [stored] = await eventually(() => responses(spec.collector), {
    until: (list) => list.length === 1,
    timeout: 10_000,
    what: 'the answer after two 503s',
  });
  assert.equal(stored.comment, 'Third time lucky');
  assert.equal(attempts.length, 3, 'two failures, then success');
  assert.ok(attempts[1] - attempts[0] >= 900, `Retry-After: 1 honoured (waited ${attempts[1] - attempts[0]} ms)`);
  await eventually(() => outbox(page), { until: (o) => o.entries.length === 0, what: 'an empty outbox' });
  assert.equal((await responses(spec.collector)).length, 1, 'stored exactly once');
  await page.close();
});

test('a payload the collector refuses (422) is dropped, not retried', async () => {
  const page = await openDemo(spec.browser, spec.collector);
  const sent = [];
  await page.route('**/api/v1/events', (route) => {
    sent.push(route.request().postDataJSON());
    return route.fulfill({
      status: 422,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({ code: 'invalid_event', message: 'refused for the test' }),
    });
  });
  await widgetStarted(page);
  await press(page, 'Ask me now');
  await prompt(page).waitFor();

  await eventually(() => outbox(page), {
    until: (o) => sent.length === 1 && !o.entries.some((e) => e.request.event),
    what: 'the refused event to leave the outbox',
  });
  assert.equal(sent[0].kind, 'shown');
  assert.equal(sent.length, 1, 'not retried');
  await page.close();
});

test('an entry leased by a tab that died is taken over by the next tab once the lease expires', async () => {
  const before = (await responses(spec.collector)).length;
  const id = '0b9f6a1e-3c4d-4e5f-8a7b-9c0d1e2f3a4b';
  // What a tab killed mid-request leaves behind: its answer, leased for a
  // few more seconds.
  const first = await openDemo(spec.browser, spec.collector);
  const leaseUntil = await first.evaluate((id) => {
    const lease = Date.now() + 3_000;
    const request = { response: { id, key: 'demo', score: 2, comment: 'From a dead tab' } };
    localStorage.setItem('nps:demo:outbox', JSON.stringify({ entries: [{ request, attempts: 0, due: 0, lease }], dropped: 0 }));
    return lease;
  }, id);
  await first.close();

  const later = await spec.browser.newPage();
  const sentAt = [];
  await later.route('**/api/v1/responses', (route) => {
    sentAt.push(Date.now());
    return route.continue();
  });
  await later.goto(`${spec.collector.url}/demo/`);
  const list = await eventually(() => responses(spec.collector), {
    until: (l) => l.length === before + 1,
    timeout: 15_000,
    what: 'the dead tab\'s answer',
  });
  assert.equal(list[0].id, id);
  assert.equal(list[0].comment, 'From a dead tab');
  assert.equal(sentAt.length, 1, 'sent once');
  assert.ok(sentAt[0] >= leaseUntil - 50, `not sent before the lease expired (${leaseUntil - sentAt[0]} ms early)`);
  await later.close();
});
