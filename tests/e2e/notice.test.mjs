// "You asked, we delivered": a verified user whose answer carries a tag the
// team shipped with an announcement sees it once, at her next page view
// with a valid identity proof, in her language; never again after a
// reload, in another tab, nor on a page where a prompt is due; and an
// untagged user or an anonymous visitor never sees one.
import { createHmac, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';

import { adminGet, adminPost, eventually } from '../support/api.mjs';
import { RESULTS } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';
import { openDemo, prompt, staysHidden } from '../support/prompt.mjs';

const HEADING = { en: 'You asked, we delivered', fr: "Vous l'avez demandé, c'est fait" };
const SAID = { en: 'CSV export is ten times faster now.', fr: "L'export CSV est dix fois plus rapide." };

let secret;
const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    const project = await adminPost(collector, '/api/v1/projects', {
      key: 'signed', name: 'Signed', moments: ['onboarding_completed'],
    });
    secret = project.identity_secret;
    for (const user of ['ana', 'benoit', 'due-prompt', 'clara']) await answer(collector, user, ['export']);
    await answer(collector, 'untagged', []);
    const r = await fetch(`${collector.url}/api/v1/tags/export?project=signed`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${collector.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'shipped', announcement: { en: SAID.en, fr: SAID.fr, link: 'https://example.com/changelog' } }),
    });
    if (!r.ok) throw new Error(`PATCH tag: ${r.status} ${await r.text()}`);
  },
});

function sign(user) {
  return createHmac('sha256', secret).update(user).digest('hex');
}

/** A verified answer of `user`, tagged with `tags`, a year ago. */
async function answer(collector, user, tags) {
  const id = randomUUID();
  const r = await fetch(`${collector.url}/api/v1/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, key: 'signed', score: 3, user_id: user, user_hash: sign(user), secret: randomUUID().replaceAll('-', '') }),
  });
  if (r.status !== 201) throw new Error(`answer: ${r.status}`);
  for (const tag of tags) await adminPost(collector, `/api/v1/responses/${id}/tags?project=signed`, { tag });
}

/** A page of the demo app in `browser`, signed in as `user` (anonymous without one). */
async function visit(browser, user, locale) {
  const query = `?key=signed${locale ? `&locale=${locale}` : ''}`;
  const page = await openDemo(browser, spec.collector, query);
  if (user) await page.evaluate(([id, sig]) => window.nps('identify', id, {}, { signature: sig }), [user, sign(user)]);
  return page;
}

const DAY = 86_400_000;

function notice(page, locale = 'en') {
  return page.getByRole('dialog', { name: HEADING[locale] });
}

async function told(user) {
  const story = await adminGet(spec.collector, `/api/v1/users/${user}/timeline?project=signed`);
  return story.items.filter((i) => i.kind === 'notice_seen').length;
}

test('a tagged user sees the notice once: not after a reload, nor in a second tab', async () => {
  const browser = await spec.newBrowser();
  const page = await visit(browser, 'ana');
  const shown = notice(page);
  await shown.waitFor();
  // The announcement is the link to its page.
  const link = shown.getByRole('link', { name: SAID.en });
  await link.waitFor();
  if (await link.getAttribute('href') !== 'https://example.com/changelog') throw new Error('the link');
  await mkdir(RESULTS, { recursive: true });
  await page.waitForTimeout(300); // the card's 0.2 s fade-in, for the picture only
  await page.screenshot({ path: join(RESULTS, 'notice-en.png') });
  await eventually(() => told('ana'), { until: (n) => n === 1, what: 'the notice_seen event' });
  await shown.getByRole('button', { name: 'Close', exact: true }).click();
  await staysHidden(shown, 300);

  await page.reload();
  await page.evaluate(([id, sig]) => window.nps('identify', id, {}, { signature: sig }), ['ana', sign('ana')]);
  await staysHidden(notice(page));
  const second = await visit(browser, 'ana');
  await staysHidden(notice(second));
  // Another device: the collector no longer returns a seen notice.
  const other = await visit(await spec.newBrowser(), 'ana');
  await staysHidden(notice(other));
  if (await told('ana') !== 1) throw new Error('seen more than once');
});

test('a French user reads it in French, with Fermer, and it is recorded seen once', async () => {
  const page = await visit(await spec.newBrowser(), 'benoit', 'fr');
  const shown = notice(page, 'fr');
  await shown.waitFor();
  await shown.getByText(SAID.fr).waitFor();
  await eventually(() => told('benoit'), { until: (n) => n === 1, what: 'the notice_seen event' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(RESULTS, 'notice-fr.png') });
  await shown.getByRole('button', { name: 'Fermer', exact: true }).click();
  await staysHidden(shown, 300);
});

test('an untagged user and an anonymous visitor see no notice', async () => {
  const browser = await spec.newBrowser();
  const untagged = await visit(browser, 'untagged');
  await staysHidden(notice(untagged));
  const anonymous = await visit(browser, null);
  await staysHidden(notice(anonymous));
});

test('a page where a prompt is due shows the prompt, not the notice', async () => {
  // Past the cooldown of the user's answer, which a tag needs.
  const browser = await spec.newBrowser();
  const page = await browser.newPage();
  await page.clock.install({ time: new Date(Date.now() + 200 * DAY) });
  await page.goto(`${spec.collector.url}/demo/?key=signed`);
  await page.evaluate(([id, sig]) => {
    window.nps('identify', id, {}, { signature: sig });
    window.nps('track', 'onboarding_completed');
  }, ['due-prompt', sign('due-prompt')]);
  await prompt(page).waitFor();
  await staysHidden(notice(page));
  if (await told('due-prompt') !== 0) throw new Error('the notice was recorded seen');
});

test("the notice wears the project's look: its theme, corner and brand colour", async () => {
  // The config as the widget reads it, with a look, saved back.
  const r = await fetch(`${spec.collector.url}/api/v1/config?key=signed`);
  const config = await r.json();
  config.appearance = { brand_color: '#8a1c7c', position: 'bottom-left', theme: 'dark' };
  const saved = await fetch(`${spec.collector.url}/api/v1/projects/signed/config`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${spec.collector.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (!saved.ok) throw new Error(`PUT config: ${saved.status} ${await saved.text()}`);
  const page = await visit(await spec.newBrowser(), 'clara');
  const shown = notice(page);
  await shown.waitFor();
  const look = await shown.evaluate((card) => ({
    classes: [...card.classList].sort(),
    brand: card.style.getPropertyValue('--nps-brand'),
  }));
  if (JSON.stringify(look) !== JSON.stringify({ classes: ['card', 'dark', 'left'], brand: '#8a1c7c' })) {
    throw new Error(`the notice's look: ${JSON.stringify(look)}`);
  }
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(RESULTS, 'notice-look.png') });
});
