// The project's time zone, set on the Integrations page: a name the
// collector does not know is explained next to the field (in the reader's
// language); a good one is stored by a PATCH carrying that field alone.
// From then on the filters speak in that zone's days: the presets end on
// today *there*, the API gets plain dates, the trend names its periods by
// their local day, not by an instant, and answers show the zone's clock
// (both written by `Intl` in the reader's language, as
// `www/dashboard/src/i18n/dates.rs` asks it).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { adminGet, responses } from '../support/api.mjs';
import { openWithToken, screenshots, seedAnswers, seriousViolations } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

const ZONE = 'Pacific/Kiritimati'; // UTC+14: its today is often not UTC's

const spec = specFixture({
  async setup({ collector }) {
    await seedAnswers(collector, [{ score: 9 }, { score: 3 }]);
  },
});

/** `YYYY-MM-DD` of `date` in `zone`, as the dashboard should count it. */
function dayIn(zone, date = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** A date as the dashboard writes it in English: a day, or with its clock. */
function written(date, zone, clock = false) {
  return new Intl.DateTimeFormat('en', {
    timeZone: zone, calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: 'short', day: 'numeric',
    ...(clock ? { hour: 'numeric', minute: '2-digit' } : {}),
  }).format(date);
}

function plusDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

test('an admin sets the time zone; a wrong name is explained, a right one is stored', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/integrations?project=demo');
  const form = page.getByRole('form', { name: 'Time zone' });
  await form.getByText('In use: UTC').waitFor();
  const field = form.getByRole('combobox', { name: /^Time zone/ });
  const save = form.getByRole('button', { name: 'Save time zone' });

  await field.fill('Mars/Olympus_Mons');
  await save.click();
  const alert = form.getByRole('alert');
  await alert.filter({ hasText: '“Mars/Olympus_Mons” is not a time zone the collector knows' }).waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.match(await field.getAttribute('aria-describedby'), /tz-error/);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await page.getByRole('form', { name: 'Fuseau horaire' }).getByRole('alert').filter({ hasText: '« Mars/Olympus_Mons » n’est pas un fuseau horaire connu du collecteur' }).waitFor();
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  assert.equal((await adminGet(spec.collector, '/api/v1/projects')).projects[0].timezone, 'UTC');

  // The list is the browser's IANA names.
  assert.ok(await page.locator('#tz-list option[value="Europe/Paris"]').count() === 1);
  await field.fill(ZONE);
  const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith('/api/v1/projects/demo'));
  await save.click();
  assert.deepEqual((await patch).postDataJSON(), { timezone: ZONE }, 'the zone alone, no other field');
  await form.getByRole('status').filter({ hasText: 'Time zone saved.' }).waitFor();
  await form.getByText(`In use: ${ZONE}`).waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'false');
  const project = (await adminGet(spec.collector, '/api/v1/projects')).projects.find((p) => p.key === 'demo');
  assert.equal(project.timezone, ZONE);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshots(page, 'dashboard-timezone');
  await page.close();
});

test("the filters' days are the project's: presets end today there and go out as plain dates", async () => {
  const page = await openWithToken(spec.browser, spec.collector);
  await page.getByText(`Days are counted in the project’s time zone, ${ZONE}.`).waitFor();

  const today = dayIn(ZONE);
  const stats = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/stats' && r.url().includes('from='));
  await page.getByRole('group', { name: 'Quick periods' }).getByRole('button', { name: 'Last 7 days' }).click();
  await page.waitForURL(/from=/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('to'), today, `today in ${ZONE}`);
  assert.equal(url.searchParams.get('from'), plusDays(today, -6));
  const sent = new URL((await stats).url()).searchParams;
  assert.equal(sent.get('from'), plusDays(today, -6), 'a plain date, read in the zone by the collector');
  assert.equal(sent.get('to'), plusDays(today, 1), 'the day after the last, exclusive');
  assert.equal(
    await page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed'),
    'true',
  );
  // The typed dates are the same days.
  assert.equal(await page.getByLabel('To', { exact: true }).inputValue(), today);

  // The trend's periods are named by their day in the zone.
  await page.getByRole('combobox', { name: 'Group by' }).selectOption('day');
  const trend = page.getByRole('region', { name: 'Trend', exact: true }).first();
  await trend.getByText('Show the data as a table').click();
  const heads = await trend.getByRole('rowheader').allTextContents();
  assert.equal(heads.length, 7, `a row per day: ${heads}`);
  assert.equal(heads.at(-1), written(new Date(`${today}T00:00:00Z`), 'UTC'));
  const days = await trend.getByRole('rowheader').locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  assert.deepEqual(days, [...Array(7).keys()].map((i) => plusDays(today, i - 6)), 'each row holds its day as ISO');
  const summary = await trend.locator('.summary').textContent();
  assert.ok(!summary.includes('T00:00'), summary);
  await page.close();
});

test("an answer's time reads on the project's clock", async () => {
  const [answer] = await responses(spec.collector);
  const local = written(new Date(answer.created_at), ZONE, true);
  assert.notEqual(local, written(new Date(answer.created_at), 'UTC', true), 'UTC+14 is another clock');
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/comments?project=demo&has_comment=any');
  await page.locator('.feed .meta').filter({ hasText: local }).first().waitFor();
  await page.close();
});
