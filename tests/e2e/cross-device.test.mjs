// Cross-device cooldowns: a verified user's history lives on the collector
// too (`GET /api/v1/eligibility`, served only with the identity proof), and
// the widget merges it into the browser's own before deciding. Two
// browsers with separate storage stand for two devices of one user.
import { createHmac } from 'node:crypto';
import { test } from 'node:test';

import { adminPost, eventually, responses, statsWithResponses } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { openDemo, press, prompt, scoreRadio, staysHidden } from '../support/prompt.mjs';

let identitySecret;
// Every device gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    // Projects verify identities by default; the host's backend signs ids.
    const project = await adminPost(collector, '/api/v1/projects', {
      key: 'signed',
      name: 'Signed',
      moments: ['onboarding_completed'],
    });
    identitySecret = project.identity_secret;
  },
});

/** What the host app's backend computes for the page. */
function sign(user) {
  return createHmac('sha256', identitySecret).update(user).digest('hex');
}

/** A new device (its own profile) on the demo app, signed in as `user`. */
async function device(user, { signed = true } = {}) {
  const browser = await spec.newBrowser();
  const page = await openDemo(browser, spec.collector, '?key=signed');
  const signature = signed ? sign(user) : undefined;
  await page.evaluate(([id, sig]) => window.nps('identify', id, {}, sig ? { signature: sig } : undefined), [user, signature]);
  return page;
}

test('a verified user who answered on one device is not prompted on another', async () => {
  const a = await device('cross-device-user');
  const dialogA = prompt(a);
  await press(a, 'Finish onboarding');
  await scoreRadio(dialogA, 9).click();
  await dialogA.getByRole('button', { name: 'Send', exact: true }).click();
  await statsWithResponses(spec.collector, 1, 'signed');

  // Tracked right after `identify`: the track waits for the history.
  const b = await device('cross-device-user');
  await press(b, 'Finish onboarding');
  await staysHidden(prompt(b));

  // The same moment on a third device, for another user, does prompt.
  const c = await device('someone-else');
  await press(c, 'Finish onboarding');
  await prompt(c).waitFor();
});

test('without a signature the answer is kept, anonymous, and no history is asked for', async () => {
  const page = await device('unsigned-user', { signed: false });
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/eligibility')) asked.push(r.url()); });
  const dialog = prompt(page);
  await press(page, 'Finish onboarding');
  await scoreRadio(dialog, 4).click();
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();

  const stored = await eventually(() => responses(spec.collector, 'signed'), {
    until: (list) => list.some((r) => r.score === 4),
    what: 'the unsigned answer',
  });
  const answer = stored.find((r) => r.score === 4);
  if (answer.user_id !== null || answer.identity_unverified !== true) {
    throw new Error(`expected an anonymous, flagged answer, got ${JSON.stringify(answer)}`);
  }
  if (asked.length) throw new Error(`no history request expected, saw ${asked}`);
});
