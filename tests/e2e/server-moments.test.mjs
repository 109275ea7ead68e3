// Moments sent by the host app's backend (`POST /api/v1/moments` with the
// project's server key): the widget of that verified user learns them from
// the eligibility read of her next page view and decides them like a
// `track`. A prompt shown for one consumes it on every device; a
// quiet-period moment keeps every device of hers quiet. Two browsers with
// separate storage stand for two devices.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';

import { adminPost, eventually } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { LABELS, openDemo, press, prompt, staysHidden } from '../support/prompt.mjs';
import { reasonLogged } from '../support/timing.mjs';

let identitySecret;
let serverKey;
// Every device gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    const project = await adminPost(collector, '/api/v1/projects', {
      key: 'helpdesk',
      name: 'Helpdesk',
      config: {
        moments: [{ event: 'ticket_solved' }, { event: 'onboarding_completed' }],
        quiet_after: [{ event: 'support_contacted', hours: 24 }],
      },
    });
    identitySecret = project.identity_secret;
    serverKey = project.server_key;
  },
});

/** What the host app's backend computes for the page. */
function sign(user) {
  return createHmac('sha256', identitySecret).update(user).digest('hex');
}

/** The host app's backend sends a moment; asserts 201. */
async function sendMoment(body) {
  const r = await fetch(`${spec.collector.url}/api/v1/moments`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(r.status, 201, await r.text());
}

/** The user's pending moments, read as her widget does (with the proof). */
async function pending(user) {
  const query = `key=helpdesk&user_id=${encodeURIComponent(user)}&user_hash=${sign(user)}`;
  const r = await fetch(`${spec.collector.url}/api/v1/eligibility?${query}`);
  assert.equal(r.status, 200);
  return (await r.json()).pending.map((p) => p.moment);
}

/**
 * A new device (its own browser) on the demo app, signed in as `user`, in
 * debug mode; `page.logged` collects the widget's `[nps]` reasons.
 */
async function device(user) {
  const browser = await spec.newBrowser();
  const page = await openDemo(browser, spec.collector, '?key=helpdesk');
  page.logged = [];
  page.on('console', (m) => {
    if (m.type() === 'info' && m.text().startsWith('[nps]')) page.logged.push(m.text());
  });
  await page.evaluate(([id, signature]) => {
    window.nps('debug');
    window.nps('identify', id, {}, { signature });
  }, [user, sign(user)]);
  return page;
}

test('a moment sent by the server prompts at her next page view, exactly once', async () => {
  await sendMoment({ user_id: 'alice', moment: 'ticket_solved', props: { ticket: 'T-42' } });

  const laptop = await device('alice');
  const dialog = prompt(laptop);
  await dialog.waitFor();
  await dialog.getByRole('button', { name: LABELS.en.close, exact: true }).click();
  await staysHidden(dialog, 300);
  // Its `shown` event, delivered, consumed the moment on the collector.
  await eventually(() => pending('alice'), {
    until: (list) => list.length === 0,
    what: 'the moment consumed by the prompt shown',
  });

  await laptop.reload();
  await laptop.evaluate(([id, signature]) => window.nps('identify', id, {}, { signature }), ['alice', sign('alice')]);
  await staysHidden(prompt(laptop));

  const phone = await device('alice');
  await staysHidden(prompt(phone));
});

test('a quiet period sent by the server keeps every device of hers quiet', async () => {
  await sendMoment({ user_id: 'bob', moment: 'support_contacted' });

  for (const name of ['laptop', 'phone']) {
    const page = await device('bob');
    await reasonLogged(page, '[nps] not prompting: support_contacted is not a moment');
    await press(page, 'Finish onboarding');
    await reasonLogged(page, '[nps] not prompting: quiet period, support_contacted 0 hours ago, needs 24');
    await staysHidden(prompt(page), 500);
    assert.deepEqual(await pending('bob'), ['support_contacted'], `${name}: still listed`);
  }

  // Someone the support tool did not hear from is asked as usual.
  const carol = await device('carol');
  await press(carol, 'Finish onboarding');
  await prompt(carol).waitFor();
});
