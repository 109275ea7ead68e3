// Asking smarter on the Timing page (issue 25): a cooldown per segment and
// a target margin set in the form, in English and in French, are saved
// with every other field of the rules (a moment's variants included), said
// in words among the rules and beside the live preview; and with this
// month's answers past the target, the month's card shows the day
// prompting resumes and the prompts saved as `GET /api/v1/stats/sampling`
// gives them. At 390 px the page does not scroll sideways.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { adminGet } from '../support/api.mjs';
import { openWithToken, putConfig, screenshots, seriousViolations } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

process.env.NPS_RATE_LIMIT_PER_IP = '0';
const run = promisify(execFile);

const MOMENT = 'onboarding_completed';
// Rules the page must keep as they are when it saves its own fields.
const BASE = {
  moments: [{
    event: MOMENT,
    experiment: { id: 'wording-1', started_at: '2020-01-01T00:00:00Z' },
    variants: [{ id: 'control', weight: 1 }, { id: 'short', weight: 1, position: 'bottom-left' }],
  }],
  days_after_response: 90,
};

async function post(collector, path, body) {
  const r = await fetch(`${collector.url}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${await r.text()}`);
}

/**
 * Twenty prompts shown in the first 40% of the month so far, then twelve
 * promoters from 45% on: the tenth (a margin of 29.4 points) pauses a
 * 30-point target there. Posted through the public API, then moved back in
 * time in the database (the API stamps the server's clock).
 */
async function seedMonth(collector) {
  const { month_start: start } = await adminGet(collector, '/api/v1/stats/sampling?project=demo');
  const from = Date.parse(start);
  const span = Date.now() - from;
  const at = (share) => Math.floor(from + span * share);
  const sql = [];
  for (let i = 0; i < 20; i += 1) {
    const id = randomUUID();
    await post(collector, '/api/v1/events', { id, key: 'demo', kind: 'shown', moment: MOMENT });
    sql.push(`UPDATE events SET created_at = ${at((i + 1) / 50)} WHERE id = '${id}'`);
  }
  for (let i = 0; i < 12; i += 1) {
    const id = randomUUID();
    await post(collector, '/api/v1/responses', { id, key: 'demo', score: 10, moment: MOMENT });
    sql.push(`UPDATE responses SET created_at = ${at(0.45 + i / 100)} WHERE id = '${id}'`);
  }
  const file = fileURLToPath(collector.databaseUrl.replace('sqlite://', 'file://'));
  await run('sqlite3', ['-cmd', '.timeout 5000', file, `BEGIN;\n${sql.join(';\n')};\nCOMMIT;`]);
}

const spec = specFixture({
  async setup({ collector }) {
    await putConfig(collector, BASE);
    await seedMonth(collector);
  },
});

const WORDS = {
  en: {
    cadence: 'Cadence per segment', add: 'Add a segment', trait: 'Trait', value: 'Value', afterAnswer: 'Days after an answer',
    target: 'Target margin (points)', perMoment: 'Each moment on its own', save: 'Save timing rules', saved: 'Timing rules saved.',
    rule: 'People with plan = enterprise: 180 days after an answer.',
    stops: 'Prompting pauses for the rest of the month once its answers give a margin of error of 30 points or less.',
    month: 'This month', pausedWord: 'Paused until', until: (d) => `Paused until ${d}.`, savedPrompts: (n) => `About ${n} prompts saved this month.`,
  },
  fr: {
    cadence: 'Rythme par segment', add: 'Ajouter un segment', trait: 'Trait', value: 'Valeur', afterAnswer: 'Jours après une réponse',
    target: 'Marge visée (points)', perMoment: 'Chaque moment séparément', save: 'Enregistrer les règles', saved: 'Règles enregistrées.',
    rule: 'Personnes avec plan = enterprise : 180 jours après une réponse.',
    stops: 'Chaque moment s’arrête pour le reste du mois dès que ses propres réponses donnent une marge d’erreur de 30 points ou moins.',
    month: 'Ce mois-ci', pausedWord: 'En pause jusqu’au', until: (d) => `En pause jusqu’au ${d}.`, savedPrompts: (n) => `Environ ${n} sollicitations évitées ce mois-ci.`,
  },
};

for (const lang of ['en', 'fr']) {
  test(`in ${lang}, a segment's cooldown and a target margin are saved, said in words, and the month's pause shows the API's figures`, async () => {
    await putConfig(spec.collector, BASE);
    const perMoment = lang === 'fr';
    const w = WORDS[lang];
    const page = await openWithToken(spec.browser, spec.collector, '/dashboard/timing?project=demo');
    if (lang === 'fr') await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
    const segments = page.getByRole('group', { name: w.cadence });
    await segments.getByRole('button', { name: w.add }).click();
    await segments.getByRole('textbox', { name: w.trait }).fill('plan');
    await segments.getByRole('textbox', { name: w.value }).fill('enterprise');
    await segments.getByRole('textbox', { name: w.afterAnswer }).fill('180');
    await page.getByRole('textbox', { name: w.target }).fill('30');
    if (perMoment) await page.getByRole('checkbox', { name: w.perMoment }).check();
    await page.getByRole('button', { name: w.save }).click();
    await page.getByText(w.saved, { exact: false }).waitFor();

    const { projects } = await adminGet(spec.collector, '/api/v1/projects');
    const config = projects.find((p) => p.key === 'demo').config;
    assert.deepEqual(config.cadence_overrides, [{ trait: 'plan', value: 'enterprise', after_answer_days: 180 }]);
    assert.deepEqual(config.sampling, perMoment ? { target_margin: 30, per_moment: true } : { target_margin: 30 });
    assert.deepEqual(config.moments[0].variants.map((v) => v.id), ['control', 'short'], 'the variants kept');
    assert.equal(config.moments[0].experiment.id, 'wording-1', 'the experiment kept');

    // In words among the rules, and beside the live preview.
    const rules = page.locator('ul.rules-summary');
    await rules.getByText(w.rule, { exact: true }).waitFor();
    await rules.getByText(w.stops, { exact: true }).waitFor();
    await page.locator('.preview-notes').getByText(w.rule, { exact: true }).waitFor();

    // The month: paused since the tenth promoter, as the API says.
    const month = page.getByRole('region', { name: w.month });
    await month.getByText(w.pausedWord, { exact: false }).first().waitFor();
    const before = await adminGet(spec.collector, '/api/v1/stats/sampling?project=demo');
    const shown = await month.locator('li').first().textContent();
    const after = await adminGet(spec.collector, '/api/v1/stats/sampling?project=demo');
    for (const s of [before, after]) {
      assert.equal(s.groups.length, 1, JSON.stringify(s));
      assert.equal(s.groups[0].moment, perMoment ? MOMENT : null);
      assert.equal(s.groups[0].shown_before, 20);
    }
    const g = before.groups[0];
    assert.ok(g.paused_until && g.prompts_saved > 0, JSON.stringify(g));
    // The day as the dashboard writes every date: the browser's Intl, in the language.
    const [y, m, d] = g.paused_until.slice(0, 10).split('-').map(Number);
    const day = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: 'short', day: 'numeric' }).format(Date.UTC(y, m - 1, d));
    assert.ok(shown.includes(w.until(day)), `${shown} names ${g.paused_until} as ${day}`);
    const figures = [before, after].map((s) => w.savedPrompts(s.groups[0].prompts_saved));
    assert.ok(figures.some((f) => shown.includes(f)), `${shown} holds one of ${figures}`);

    assert.deepEqual(await seriousViolations(page), [], 'axe at 1280 px');
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scroll at 390 px (${overflow} px too wide)`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshots(page, `dashboard-timing-asking-${lang}`);
    if (lang === 'fr') {
      await page.getByRole('combobox', { name: 'Langue', exact: true }).selectOption('en');
      await page.getByRole('link', { name: 'Overview' }).waitFor();
    }
    await page.close();
  });
}
