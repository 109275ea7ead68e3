// The Themes page and the overview's "What they talk about" card, on
// planted French and English comments: the themes the API finds, each with
// its share, NPS, impact, examples with its words in <mark> (a comment's
// markup stays text), one "Create tag" per theme that tags past answers;
// drivers side by side; an emerging theme named on the overview; the
// filters applying; in English and French, at 1280 and 390 px, axe-clean.
//
// The previous period is planted by seeding answers and then moving them,
// and their roll-ups, 35 days back in the collector's SQLite file (the API
// stamps answers with the server's clock).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { adminGet } from '../support/api.mjs';
import { addMember, hasSessions, openWithToken, seedAnswers, seriousViolations, signIn } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

process.env.NPS_RATE_LIMIT_PER_IP = '0';

const run = promisify(execFile);
const DAY_MS = 86_400_000;
const BACK = 35;
const PASSWORD = 'correct horse battery staple 42';

/** `n` answers cycling through `comments`. */
const many = (n, score, locale, comments, extra = {}) =>
  Array.from({ length: n }, (_, i) => ({ score, locale, comment: comments[i % comments.length], ...extra }));

const EXPORT_FR = ["L'export est très lent", 'Export trop lent', "l'export CSV est lent", 'Les exports sont lents'];
const EXPORT_EN = ['The export is so slow', 'Slow export', 'export is slow again'];
const PRICE = ['Le prix est élevé', 'Prix trop élevé pour nous', 'le prix a doublé'];
const SUPPORT = ['Great support team', 'Support answered fast', 'support was helpful'];
const DARK = ['Dark mode please, my eyes hurt'];
/** The last support answer, so it is among the examples shown. */
const MARKUP = 'Support <img src=x onerror="window.__injected=1"> <b>rocks</b>';

const unrelated = (from, n, score) =>
  Array.from({ length: n }, (_, i) => ({ score, locale: 'en', comment: `Alpha${from + i}x bravo${from + i}y charlie${from + i}z` }));

/** Moves every answer so far, and its roll-ups, `days` back. */
async function moveBack(databaseUrl, days) {
  const file = databaseUrl.replace(/^sqlite:\/\//, '');
  const ms = days * DAY_MS;
  const quarters = days * 96;
  const sql = [
    `UPDATE responses SET created_at = created_at - ${ms}, updated_at = updated_at - ${ms}`,
    ...['rollup_daily', 'rollup_tenure', 'rollup_traits'].map((t) => `UPDATE ${t} SET day = day - ${days}`),
    ...['rollup_quarter', 'rollup_tenure_quarter', 'rollup_traits_quarter'].map((t) => `UPDATE ${t} SET quarter = quarter - ${quarters}`),
  ].join(';\n');
  await run('sqlite3', ['-cmd', '.timeout 5000', file, `BEGIN;\n${sql};\nCOMMIT;`]);
}

let sessions = false;
let shots;
const spec = specFixture({
  async setup({ collector }) {
    shots = process.env.NPS_SCREENSHOTS ?? (await mkdtemp(join(tmpdir(), 'nps-themes-shots-')));
    console.log(`# screenshots in ${shots}`);
    // The period before: the same themes in about the same shares, and one
    // comment on a dark mode.
    await seedAnswers(collector, [
      ...many(8, 2, 'fr', EXPORT_FR), ...many(6, 3, 'en', EXPORT_EN), ...many(5, 6, 'fr', PRICE),
      ...many(4, 10, 'en', SUPPORT), ...many(1, 4, 'en', DARK), ...unrelated(0, 40, 8),
    ]);
    await moveBack(collector.databaseUrl, BACK);
    // Now: the dark mode is asked for by 15 of 102.
    await seedAnswers(collector, [
      ...many(20, 2, 'fr', EXPORT_FR, { traits: { plan: 'pro' } }), ...many(15, 3, 'en', EXPORT_EN),
      ...many(12, 6, 'fr', PRICE), ...many(9, 10, 'en', SUPPORT), { score: 10, locale: 'en', comment: MARKUP },
      ...many(15, 4, 'en', DARK), ...unrelated(100, 30, 9),
    ]);
    sessions = await hasSessions(collector);
    if (sessions) await addMember(collector, 'member@example.com', 'member', PASSWORD);
  },
});

/** The English number format of the dashboard (one decimal at most, a real minus). */
const num = (v) => {
  const r = (Math.sign(v) * Math.round(Math.abs(v) * 10)) / 10;
  return (Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)).replace('-', '−');
};
const points = (v) => (v > 0 ? `+${num(v)} points` : `${num(v)} points`);

async function shoot(page, name) {
  await page.getByText('Loading…').first().waitFor({ state: 'detached' }).catch(() => {});
  const size = page.viewportSize();
  await page.screenshot({ path: join(shots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(shots, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(size);
}

async function accessible(page, what) {
  assert.deepEqual(await seriousViolations(page), [], `${what} at 1280 px`);
  await page.setViewportSize({ width: 390, height: 844 });
  assert.deepEqual(await seriousViolations(page), [], `${what} at 390 px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} does not scroll sideways at 390 px (${overflow} px too wide)`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const themeItem = (page, label) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: label, exact: true }) });

test('#/themes opens the Themes page with every theme the API finds, its figures and examples', async () => {
  const themes = await adminGet(spec.collector, '/api/v1/stats/themes?project=demo');
  const byWord = (w) => themes.themes.find((t) => t.terms[0] === w);
  const [exp, support, dark] = [byWord('export'), byWord('support'), byWord('dark')];
  assert.ok(exp && support && dark && byWord('prix'), JSON.stringify(themes.themes.map((t) => t.terms)));
  assert.equal(exp.responses, 49, 'both periods: 8 + 6 + 20 + 15');

  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/#/themes?project=demo');
  await page.getByRole('heading', { level: 1, name: 'Themes' }).waitFor();
  await page.waitForURL(/\/dashboard\/themes\?/);
  await page.getByRole('navigation').getByRole('link', { name: 'Themes', exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
  await page.getByRole('heading', { level: 3, name: exp.label, exact: true }).waitFor();

  assert.equal(await page.getByRole('button', { name: 'Create tag', exact: true }).count(), themes.themes.length, 'one per theme');
  const item = themeItem(page, exp.label);
  await item.getByText(`${exp.responses} responses, ${Math.round(exp.share * 100)}% of the comments`).waitFor();
  await item.getByText(points(exp.impact), { exact: true }).waitFor();
  await item.getByText(`95% interval: ${num(exp.ci95.low).replace('−', '-')} to ${num(exp.ci95.high).replace('−', '-')}`).waitFor();
  // The theme's words are marked in its examples, whole words only.
  const marks = (await item.locator('mark').allTextContents()).map((m) => m.toLowerCase());
  assert.ok(marks.length >= 3, `marks: ${marks}`);
  assert.ok(marks.every((m) => exp.terms.some((t) => m.normalize('NFD').replace(/\p{M}/gu, '').startsWith(t.normalize('NFD').replace(/\p{M}/gu, '')))), `${marks} ⊂ ${exp.terms}`);

  // A comment's markup is text: shown as written, never run.
  const shown = themeItem(page, support.label);
  await shown.getByText('<img src=x', { exact: false }).waitFor();
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.__injected), undefined);

  // Drivers: the export theme hurts most, support helps.
  const drivers = await adminGet(spec.collector, '/api/v1/stats/drivers?project=demo');
  const hurts = page.getByRole('list', { name: 'What hurts' });
  const first = drivers.hurts[0];
  assert.equal(first.kind, 'theme');
  await hurts.getByRole('listitem').first().getByText(`Theme: ${first.name}`).waitFor();
  await page.getByRole('list', { name: 'What helps' }).getByText(`Theme: ${support.label}`).waitFor();

  await shoot(page, 'themes-en');
  await accessible(page, 'Themes (EN)');

  // Create tag: a rule from the theme's words, applied to past answers.
  await item.getByRole('button', { name: 'Create tag', exact: true }).click();
  const status = item.getByRole('status');
  await status.getByText(/^Tag \S+ created; \d+ past answers tagged\.$/).waitFor();
  const rules = await adminGet(spec.collector, '/api/v1/tag-rules?project=demo');
  assert.equal(rules.rules.length, 1);
  assert.match(await status.textContent(), new RegExp(`^Tag ${rules.rules[0].tag} created; ${exp.responses} past answers tagged`));
  await item.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'themes-tagged.png') });
  await page.close();
});

test('the filters apply: French answers only', async () => {
  const api = await adminGet(spec.collector, '/api/v1/stats/themes?project=demo&locale=fr');
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/themes?project=demo');
  await page.getByRole('textbox', { name: 'Language of the answer' }).fill('fr');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/locale=fr/);
  await page.getByText(`Found in ${api.with_comment} comments`).waitFor();
  const labels = await page.locator('main .theme h3').allTextContents();
  assert.deepEqual(labels, api.themes.map((t) => t.label));
  assert.ok(!api.themes.some((t) => t.terms[0] === 'support'), 'no English theme');
  await page.close();
});

test('the Themes page in French', async () => {
  const themes = await adminGet(spec.collector, '/api/v1/stats/themes?project=demo');
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/themes?project=demo');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await page.getByRole('heading', { level: 1, name: 'Thèmes' }).waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Thèmes', exact: true }).waitFor();
  await page.getByRole('heading', { level: 3, name: 'Ce qui pèse' }).waitFor();
  await page.getByRole('heading', { level: 3, name: 'Ce qui aide' }).waitFor();
  await page.getByRole('button', { name: 'Créer un tag', exact: true }).first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Créer un tag', exact: true }).count(), themes.themes.length);
  await page.getByText('des commentaires', { exact: false }).first().waitFor();
  await shoot(page, 'themes-fr');
  await accessible(page, 'Themes (FR)');
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await page.getByRole('heading', { level: 1, name: 'Themes' }).waitFor();
  await page.close();
});

test('the overview names what they talk about and the emerging theme, in English and French', async () => {
  const drivers = await adminGet(spec.collector, '/api/v1/stats/drivers?project=demo');
  const top = (list) => list.filter((d) => d.kind === 'theme').slice(0, 3).map((d) => `Theme: ${d.name}`);
  const page = await openWithToken(spec.browser, spec.collector);
  const card = page.getByRole('region', { name: 'What they talk about' });
  await card.getByRole('list', { name: 'What hurts' }).waitFor();
  assert.deepEqual(await card.getByRole('list', { name: 'What hurts' }).locator('.driver-name').allTextContents(), top(drivers.hurts));
  assert.deepEqual(await card.getByRole('list', { name: 'What helps' }).locator('.driver-name').allTextContents(), top(drivers.helps));

  // The last 30 days against the 30 before: the dark mode is emerging.
  const today = new Date();
  const day = (d) => new Date(today.getTime() + d * DAY_MS).toISOString().slice(0, 10);
  const recent = await adminGet(spec.collector, `/api/v1/stats/themes?project=demo&from=${day(-29)}&to=${day(1)}`);
  const emerging = recent.themes.filter((t) => t.emerging);
  assert.deepEqual(emerging.map((t) => t.terms[0]), ['dark'], JSON.stringify(recent.themes.map((t) => [t.terms[0], t.share, t.previous])));
  const dark = emerging[0];
  await card.getByText(`“${dark.label}” is emerging: ${Math.round(dark.previous.share * 100)}% of the comments in the period before, ${Math.round(dark.share * 100)}% now.`).waitFor();
  await shoot(page, 'overview-en');
  await accessible(page, 'Overview (EN)');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  const carte = page.getByRole('region', { name: 'Ce dont ils parlent' });
  await carte.getByText(`«\u00a0${dark.label}\u00a0» émerge`, { exact: false }).waitFor();
  await carte.getByRole('list', { name: 'Ce qui pèse' }).waitFor();
  await shoot(page, 'overview-fr');
  await accessible(page, 'Overview (FR)');

  // The notice leads to the Themes page on that period, the badge shown.
  await carte.getByRole('link', { name: 'Voir les thèmes de cette période' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thèmes' }).waitFor();
  assert.ok(new URL(page.url()).searchParams.get('from'), 'the period is in the URL');
  await themeItem(page, dark.label).getByText('Émergent', { exact: true }).waitFor();
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await themeItem(page, dark.label).getByText('Emerging', { exact: true }).waitFor();
  await themeItem(page, dark.label).getByText(/^Period before: \d+% of the comments/).waitFor();
  await shoot(page, 'themes-emerging');
  await page.close();
});

test('a member reads the themes but has no Create tag button', async (t) => {
  if (!sessions) return t.skip('no session API on this collector');
  const browser = await spec.newBrowser();
  const page = await browser.newPage();
  await page.goto(`${spec.collector.url}/dashboard/themes?project=demo`);
  await signIn(page, 'member@example.com', PASSWORD);
  await page.getByRole('heading', { level: 1, name: 'Themes' }).waitFor();
  await page.locator('main .theme h3').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Create tag' }).count(), 0);
  await page.close();
});
