// Dates in the reader's language (issue 24): the dashboard writes every
// date and time with the browser's `Intl.DateTimeFormat` in the chosen
// language ("7 déc. 2026", "Dec 7, 2026"), on the project's clock, with
// Western digits in Arabic; machine-readable values stay ISO
// (`<time datetime>`). Checked on the comments feed, the overview's trend,
// the Experiments page and the timing history. The expected strings come
// from Node's own `Intl` with the options the dashboard passes
// (`www/dashboard/src/i18n/dates.rs`); the first test checks that Node and
// this Chromium write them alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { adminGet, responses } from '../support/api.mjs';
import { openWithToken, putConfig, seedAnswers } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

process.env.NPS_RATE_LIMIT_PER_IP = '0';

const ZONE = 'Asia/Tokyo'; // UTC+9: its days and clock are not UTC's
const LANGS = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'ar'];
/** The language menu's name in each language the tests switch to. */
const MENU = { en: 'Language', fr: 'Langue', ar: 'اللغة' };
const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/;

/** As `Lang::date_format` asks the browser: a day, or a day and its clock. */
function written(lang, date, zone, clock = false) {
  return new Intl.DateTimeFormat(lang, {
    timeZone: zone, calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: 'short', day: 'numeric',
    ...(clock ? { hour: 'numeric', minute: '2-digit' } : {}),
  }).format(date);
}

/** `YYYY-MM-DD` today in `zone`. */
function todayIn(zone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const spec = specFixture({
  async setup({ collector }) {
    const r = await fetch(`${collector.url}/api/v1/projects/demo`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${collector.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ timezone: ZONE }),
    });
    if (!r.ok) throw new Error(`PATCH timezone: ${r.status} ${await r.text()}`);
    await putConfig(collector, {
      moments: [{
        event: 'onboarding_completed',
        experiment: { id: 'wording-1', started_at: '2026-12-07T00:00:00Z' },
        variants: [{ id: 'control', weight: 1 }, { id: 'short', weight: 1 }],
      }],
    });
    await seedAnswers(collector, [{ score: 9, comment: 'fast' }, { score: 4, comment: 'slow' }]);
  },
});

/** Switches the language menu from `from` to `to`. */
async function choose(page, from, to) {
  await page.getByRole('combobox', { name: MENU[from], exact: true }).selectOption(to);
  await page.getByRole('combobox', { name: MENU[to], exact: true }).waitFor();
}

test('Node and this Chromium write the same dates in every language', async () => {
  const date = new Date('2026-12-07T07:03:00Z');
  assert.equal(written('fr', date, 'UTC'), '7 déc. 2026');
  assert.equal(written('en', date, 'UTC'), 'Dec 7, 2026');
  const page = await spec.browser.newPage();
  const chromium = await page.evaluate(({ langs, at, zone }) => langs.map((lang) => {
    const options = { timeZone: zone, calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: 'short', day: 'numeric' };
    const d = new Date(at);
    return [new Intl.DateTimeFormat(lang, options).format(d), new Intl.DateTimeFormat(lang, { ...options, hour: 'numeric', minute: '2-digit' }).format(d)];
  }), { langs: LANGS, at: date.getTime(), zone: ZONE });
  assert.deepEqual(chromium, LANGS.map((lang) => [written(lang, date, ZONE), written(lang, date, ZONE, true)]));
  await page.close();
});

test("the comments feed writes each answer's time in the reader's language, on the project's clock", async () => {
  const answers = await responses(spec.collector);
  const at = new Date(answers[0].created_at);
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/comments?project=demo');
  const meta = page.locator('.feed .meta');
  for (const [from, lang] of [['en', 'en'], ['en', 'fr'], ['fr', 'ar']]) {
    if (from !== lang) await choose(page, from, lang);
    const expected = written(lang, at, ZONE, true);
    await meta.filter({ hasText: expected }).first().waitFor();
    if (lang === 'ar') {
      const text = (await meta.allTextContents()).join(' ');
      assert.doesNotMatch(text, ARABIC_DIGITS, `Western digits in Arabic: ${text}`);
    }
  }
  // The ISO stamp is gone from what a reader sees.
  assert.ok(!(await meta.allTextContents()).some((t) => t.includes(answers[0].created_at.slice(0, 10))));
  await choose(page, 'ar', 'en');
  await page.close();
});

test("the trend names each period by its day in the project's zone, in the reader's language", async () => {
  const today = todayIn(ZONE);
  const day = new Date(`${today}T00:00:00Z`);
  const page = await openWithToken(spec.browser, spec.collector);
  await page.getByRole('combobox', { name: 'Group by' }).selectOption('day');
  for (const [from, lang, table] of [['en', 'en', 'Show the data as a table'], ['en', 'fr', null]]) {
    if (from !== lang) await choose(page, from, lang);
    const trend = page.locator('figure.trend');
    if (table) await trend.getByText(table).click();
    const last = trend.getByRole('rowheader').last();
    await last.filter({ hasText: written(lang, day, 'UTC') }).waitFor();
    assert.equal(await last.locator('time').getAttribute('datetime'), today, 'the machine-readable day stays ISO');
    const summary = await trend.locator('.summary').textContent();
    assert.ok(summary.includes(written(lang, day, 'UTC')), summary);
  }
  await choose(page, 'fr', 'en');
  await page.close();
});

test("the Experiments page writes the experiment's start in the reader's language", async () => {
  const started = '2026-12-07T00:00:00Z'; // 09:00 in Tokyo, the same day
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/experiments?project=demo');
  const cell = page.locator(`section[data-moment="onboarding_completed"] time[datetime="${started}"]`);
  assert.equal(written('en', new Date(started), ZONE), 'Dec 7, 2026');
  for (const [from, lang] of [['en', 'en'], ['en', 'fr']]) {
    if (from !== lang) await choose(page, from, lang);
    await cell.filter({ hasText: written(lang, new Date(started), ZONE) }).waitFor();
  }
  assert.equal(await cell.textContent(), '7 déc. 2026');
  await choose(page, 'fr', 'en');
  await page.close();
});

test("the timing history writes when each version was saved in the reader's language", async () => {
  const { versions } = await adminGet(spec.collector, '/api/v1/projects/demo/config/versions');
  const saved = new Date(versions[0].created_at);
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/timing?project=demo');
  const history = page.getByRole('table', { name: /History of changes|Historique des modifications/ });
  for (const [from, lang] of [['en', 'en'], ['en', 'fr']]) {
    if (from !== lang) await choose(page, from, lang);
    await history.getByRole('cell', { name: written(lang, saved, ZONE, true), exact: true }).first().waitFor();
  }
  await choose(page, 'fr', 'en');
  await page.close();
});
