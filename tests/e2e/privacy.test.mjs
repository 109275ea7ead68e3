// Privacy by design, in the browser: consent before anything happens, Do Not
// Track / Global Privacy Control respected, "Don't ask me again", anonymous
// projects, and nothing stored or sent that the README does not list.
//
// Every test takes a fresh browser (its own localStorage) and watches every
// request the page makes from the moment it opens.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';

import { adminPost, eventually, responses } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { widgetStarted } from '../support/outbox.mjs';
import { press, prompt, scoreRadio, staysHidden, tabUntil } from '../support/prompt.mjs';

let identitySecret;
// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    await adminPost(collector, '/api/v1/projects', {
      key: 'anon',
      name: 'Anonymous eNPS',
      moments: ['onboarding_completed'],
      config: { anonymous: true, allowed_traits: ['plan'] },
    });
    await adminPost(collector, '/api/v1/projects', {
      key: 'dnt',
      name: 'Respects Do Not Track',
      moments: ['onboarding_completed'],
      config: { respect_dnt: true },
    });
    const signed = await adminPost(collector, '/api/v1/projects', {
      key: 'signed',
      name: 'Signed',
      moments: ['onboarding_completed'],
    });
    identitySecret = signed.identity_secret;
  },
});

const NEVER = "Don't ask me again";

/** Sets `navigator.doNotTrack = '1'` or `navigator.globalPrivacyControl = true` before any script runs. */
const SIGNALS = {
  dnt: () => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true }),
  gpc: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }),
};

/**
 * A fresh visitor on the demo page with `query`; `page.requests` lists every
 * API request (`{method, path, body}`) and `page.others` every request to
 * another origin than the collector's, from the first byte.
 */
async function visit(query = '', { signal } = {}) {
  const browser = await spec.newBrowser();
  const page = await browser.newPage();
  page.requests = [];
  page.others = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== spec.collector.url) page.others.push(r.url());
    else if (url.pathname.startsWith('/api/')) {
      page.requests.push({ method: r.method(), path: url.pathname + url.search, body: r.postDataJSON(), request: r });
    }
  });
  if (signal) await page.addInitScript(SIGNALS[signal]);
  await page.goto(`${spec.collector.url}/demo/${query}`);
  await widgetStarted(page);
  return page;
}

/** Every localStorage key of the page (the demo stores none of its own). */
function storedKeys(page) {
  return page.evaluate(() => Object.keys(localStorage));
}

/** `nps(...args)` on the page. */
function nps(page, ...args) {
  return page.evaluate((a) => window.nps(...a), args);
}

/** The POSTed events of `kind`, with the collector's status once answered. */
function eventPosts(page, kind) {
  return page.requests.filter((r) => r.path === '/api/v1/events' && r.body?.kind === kind);
}

/** Waits until the collector acknowledged an event of `kind`; fails on a refusal. */
async function eventAccepted(page, kind) {
  const post = await eventually(() => eventPosts(page, kind)[0], { what: `a ${kind} event POST` });
  const response = await post.request.response();
  assert.ok(response, `the ${kind} event got an answer`);
  assert.ok(response.status() < 300, `the collector accepted the ${kind} event (${response.status()}: ${await response.text()})`);
}

/** Waits until nothing is left to deliver (the outbox key is gone). */
function outboxDelivered(page, key = 'demo') {
  return eventually(() => page.evaluate((k) => localStorage.getItem(`nps:${k}:outbox`) === null, key), {
    what: 'the outbox to be delivered',
  });
}

test('with consent: false nothing is stored or sent until consent; then a moment tracked before it prompts', async () => {
  const page = await visit('?consent=0');
  await nps(page, 'identify', 'user-7', { plan: 'pro' });
  await press(page, 'Finish onboarding');
  await press(page, 'Ask me now');
  const dialog = prompt(page);
  await staysHidden(dialog, 1_500);
  assert.deepEqual(page.requests.map((r) => r.path), [], 'no request, not even the config');
  assert.deepEqual(await storedKeys(page), [], 'localStorage untouched');

  await nps(page, 'consent', true);
  await dialog.waitFor();
  assert.ok(page.requests.some((r) => r.path.startsWith('/api/v1/config?')), 'the config is fetched on consent');
  await scoreRadio(dialog, 8).click();
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await eventually(() => responses(spec.collector), {
    until: (list) => list.some((r) => r.score === 8 && r.moment === 'onboarding_completed'),
    what: 'the answer given after consent, for the moment tracked before it',
  });
  assert.ok((await storedKeys(page)).includes('nps:demo:history'), 'the history is kept once consented');
});

test('consent(false) closes the prompt, forgets every nps: key once the outbox is delivered, and stops the widget', async () => {
  const page = await visit();
  const dialog = prompt(page);
  await press(page, 'Ask me now');
  await dialog.waitFor();
  await eventAccepted(page, 'shown');

  await nps(page, 'consent', false);
  await dialog.waitFor({ state: 'hidden' });
  await outboxDelivered(page);
  assert.deepEqual(await storedKeys(page), [], 'no nps: key left');

  const before = page.requests.length;
  await nps(page, 'reset'); // forgets the prompt-per-page limit, not the withdrawal
  await press(page, 'Finish onboarding');
  await press(page, 'Ask me now');
  await staysHidden(dialog, 1_500);
  assert.equal(page.requests.length, before, 'nothing sent after withdrawal');
  assert.deepEqual(await storedKeys(page), [], 'nothing stored after withdrawal');

  await nps(page, 'consent', true);
  await dialog.waitFor();
});

for (const signal of ['dnt', 'gpc']) {
  test(`with ${signal === 'dnt' ? 'Do Not Track' : 'Global Privacy Control'} and init({respect_dnt: true}) nothing is shown, stored or sent`, async () => {
    const page = await visit('?dnt=1', { signal });
    await nps(page, 'identify', 'user-8', { plan: 'pro' });
    await press(page, 'Finish onboarding');
    await press(page, 'Ask me now');
    await nps(page, 'consent', true);
    await staysHidden(prompt(page), 1_500);
    assert.deepEqual(page.requests.map((r) => r.path), [], 'no request at all');
    assert.deepEqual(await storedKeys(page), []);
  });
}

test("the project's respect_dnt: the config is fetched, then nothing is shown, stored or sent", async () => {
  const page = await visit('?key=dnt', { signal: 'gpc' });
  await press(page, 'Finish onboarding');
  await press(page, 'Ask me now');
  await staysHidden(prompt(page), 1_500);
  assert.deepEqual(page.requests.map((r) => r.path), ['/api/v1/config?key=dnt']);
  assert.deepEqual(await storedKeys(page), []);

  // Without a signal, the same project prompts.
  const other = await visit('?key=dnt');
  await press(other, 'Finish onboarding');
  await prompt(other).waitFor();
});

test('reset() leaves no nps: key behind but an outbox not yet delivered, and that goes once it is', async () => {
  const page = await visit();
  const dialog = prompt(page);
  await press(page, 'Finish onboarding');
  await scoreRadio(dialog, 10).click();
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  const keys = await storedKeys(page);
  assert.ok(keys.includes('nps:demo:history') && keys.includes('nps:demo:anon'), `stored: ${keys}`);

  await nps(page, 'reset');
  const left = await storedKeys(page);
  assert.ok(left.every((k) => k === 'nps:demo:outbox'), `only undelivered answers stay: ${left}`);
  await outboxDelivered(page);
  assert.deepEqual(await storedKeys(page), []);
  await eventually(() => responses(spec.collector), {
    until: (list) => list.some((r) => r.score === 10),
    what: 'the answer given before reset',
  });
});

test('"Don\'t ask me again", reached by keyboard, stops every later prompt, after reload too, until reset', async () => {
  const page = await visit();
  const dialog = prompt(page);
  await press(page, 'Finish onboarding');
  await dialog.waitFor();
  await tabUntil(page, (f) => f.inDialog && f.role === 'button' && f.name === NEVER);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  await eventAccepted(page, 'opted_out');
  assert.equal(eventPosts(page, 'declined').length, 0, 'an opt-out is not also a decline');

  await press(page, 'Ask me now');
  await staysHidden(dialog, 1_000);
  await page.reload();
  await widgetStarted(page);
  await press(page, 'Finish onboarding');
  await press(page, 'Ask me now');
  await staysHidden(dialog, 1_000);

  await nps(page, 'reset');
  await press(page, 'Finish onboarding');
  await dialog.waitFor();
});

test('the French prompt offers "Ne plus me demander"', async () => {
  const page = await visit('?locale=fr');
  await press(page, 'Ask me now');
  const dialog = prompt(page, 'fr');
  await dialog.getByRole('button', { name: 'Ne plus me demander', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await eventAccepted(page, 'opted_out');
});

test('a verified user who opted out on one device is not prompted on another', async () => {
  const user = 'opted-out-everywhere';
  const signature = createHmac('sha256', identitySecret).update(user).digest('hex');
  const device = async () => {
    const page = await visit('?key=signed');
    await nps(page, 'identify', user, {}, { signature });
    return page;
  };
  const a = await device();
  await press(a, 'Finish onboarding');
  await prompt(a).getByRole('button', { name: NEVER, exact: true }).click();
  await eventAccepted(a, 'opted_out');

  const b = await device();
  await press(b, 'Finish onboarding');
  await press(b, 'Ask me now');
  await staysHidden(prompt(b));
  assert.ok(b.requests.some((r) => r.path.startsWith('/api/v1/eligibility?')), 'the history was asked for');
});

test('an anonymous project sends no user id, proof, URL or unlisted trait, even after identify', async () => {
  const page = await visit('?key=anon');
  await nps(page, 'identify', 'alice@example.com', { plan: 'pro', email: 'alice@example.com' }, { signature: 'f'.repeat(64) });
  const dialog = prompt(page);
  await press(page, 'Finish onboarding');
  await scoreRadio(dialog, 3).click();
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 6_000 });
  await outboxDelivered(page, 'anon');

  assert.ok(!page.requests.some((r) => r.path.startsWith('/api/v1/eligibility')), 'no history fetch');
  const writes = page.requests.filter((r) => r.method !== 'GET');
  assert.ok(writes.some((r) => r.path === '/api/v1/responses'), 'the answer was posted');
  assert.ok(writes.some((r) => r.path === '/api/v1/events'), 'the impression was posted');
  for (const { path, body } of writes) {
    for (const field of ['user_id', 'user_hash', 'url']) {
      assert.equal(body[field], undefined, `${path} carries no ${field}: ${JSON.stringify(body)}`);
    }
    if (path === '/api/v1/responses') assert.deepEqual(body.traits, { plan: 'pro' });
    else assert.equal(body.traits, undefined);
  }
  const [stored] = await eventually(() => responses(spec.collector, 'anon'), { until: (l) => l.length === 1, what: 'the anonymous answer' });
  assert.equal(stored.user_id, null);
  assert.equal(stored.score, 3);
});

test('the widget sets no cookie, sends none, and talks to no origin but its collector', async () => {
  const page = await visit();
  // The demo shares the collector's origin: the host app's cookies would
  // ride along with every request, unless the widget omits them.
  await page.evaluate(() => { document.cookie = 'host_session=secret; path=/'; });
  const dialog = prompt(page);
  await press(page, 'Finish onboarding');
  await scoreRadio(dialog, 9).click();
  await dialog.getByRole('textbox').fill('fine');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 6_000 });
  await outboxDelivered(page);

  assert.deepEqual(page.others, [], 'no other origin');
  const sent = page.requests.filter((r) => r.method !== 'GET' || r.path.startsWith('/api/v1/config'));
  assert.ok(sent.length >= 3, `config, response and event requests seen: ${sent.map((r) => r.path)}`);
  for (const { path, request } of sent) {
    const headers = await request.allHeaders();
    assert.equal(headers.cookie, undefined, `${path} carries no cookie`);
  }
  const cookies = await page.context().cookies();
  assert.deepEqual(cookies.map((c) => c.name), ['host_session'], 'the widget set no cookie of its own');
  assert.deepEqual((await storedKeys(page)).sort(), ['nps:demo:anon', 'nps:demo:history'], 'only the listed keys');
});
