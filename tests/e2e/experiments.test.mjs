// The Experiments page (issue 25): a moment with two variants, seeded with
// impressions and answers carrying their variant through the public API,
// shows each variant's figures as `GET /api/v1/stats/experiments` gives
// them, the verdict against the control in words, the sample a test needs,
// and the widget's own prompt previewing each variant's question; a moment
// without variants says how to add them. In English and French, at 1280
// and 390 px (no sideways scroll of the page, axe-clean), with screenshots.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';

import { adminGet } from '../support/api.mjs';
import { openWithToken, putConfig, screenshots, seriousViolations } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

process.env.NPS_RATE_LIMIT_PER_IP = '0';

const MOMENT = 'onboarding_completed';
const QUESTION = {
  control: { en: 'How likely are you to recommend Acme to a friend?', fr: 'Recommanderiez-vous Acme à un ami ?' },
  short: { en: 'Would you recommend Acme?', fr: 'Vous recommanderiez Acme ?' },
};
const texts = (id) => ({ en: { question: QUESTION[id].en }, fr: { question: QUESTION[id].fr } });

async function post(collector, path, body) {
  const r = await fetch(`${collector.url}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${await r.text()}`);
}

/** `shown` impressions, then answers (score, with a comment or not), all carrying `variant`. */
async function seed(collector, variant, shown, answers) {
  for (let i = 0; i < shown; i += 1) {
    await post(collector, '/api/v1/events', { id: randomUUID(), key: 'demo', kind: 'shown', moment: MOMENT, variant });
  }
  for (const [score, comment] of answers) {
    await post(collector, '/api/v1/responses', {
      id: randomUUID(), key: 'demo', score, comment: comment ? `variant ${variant} score ${score}` : undefined, moment: MOMENT, variant,
    });
  }
}

const spec = specFixture({
  async setup({ collector }) {
    await putConfig(collector, {
      moments: [
        {
          event: MOMENT,
          experiment: { id: 'wording-1', started_at: '2020-01-01T00:00:00Z' },
          variants: [{ id: 'control', weight: 1, texts: texts('control') }, { id: 'short', weight: 1, texts: texts('short'), position: 'bottom-left' }],
        },
        { event: 'export_done' },
      ],
    });
    // 12 of 60 answer the control, 30 of 60 the short question: a
    // difference far beyond chance.
    await seed(collector, 'control', 60, [...Array(6).fill([9, true]), ...Array(4).fill([7, false]), [3, true], [2, false]]);
    await seed(collector, 'short', 60, [...Array(14).fill([10, false]), ...Array(10).fill([8, true]), ...Array(6).fill([4, true])]);
  },
});

/** The dashboard's number formats (`Lang::num`, `percent`, `impact_points`, `p_value`) in `lang`. */
function formats(lang) {
  const comma = (s) => (lang === 'fr' ? s.replace('.', ',') : s);
  const num = (v) => {
    // Half away from zero, as Rust's `round`.
    const r = (Math.sign(v) * Math.round(Math.abs(v) * 10)) / 10;
    const s = Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1);
    return comma(s === '-0' ? '0' : s);
  };
  const pct = (v) => `${Math.round(v * 100)}${lang === 'fr' ? '\u00a0%' : '%'}`;
  const points = (v) => {
    const n = num(Math.abs(v));
    return `${n === '0' ? '' : v > 0 ? '+' : '\u2212'}${n} points`;
  };
  const p = (v) => (v < 0.001 ? `p\u00a0<\u00a0${comma('0.001')}` : `p\u00a0=\u00a0${comma(v.toFixed(3))}`);
  return { num, pct, points, p };
}

const WORDS = {
  en: {
    title: 'Experiments', better: 'better', control: 'control', preview: 'Preview of variant',
    needed: (n) => `About ${n} impressions per variant are needed to detect a 5-point difference in response rate.`,
    howTo: 'No variants for this moment.',
  },
  fr: {
    title: 'Expériences', better: 'meilleure', control: 'témoin', preview: 'Aperçu de la variante',
    needed: (n) => `Il faut environ ${n} impressions par variante pour détecter une différence de 5 points du taux de réponse.`,
    howTo: 'Pas de variantes pour ce moment.',
  },
};

for (const lang of ['en', 'fr']) {
  test(`the Experiments page in ${lang} shows the API's figures, the verdict and each variant's preview`, async () => {
    const x = await adminGet(spec.collector, `/api/v1/stats/experiments?project=demo&moment=${MOMENT}`);
    assert.deepEqual(x.variants.map((v) => [v.id, v.shown, v.answered]), [['control', 60, 12], ['short', 60, 30]]);
    assert.equal(x.variants[1].vs_control.significant, true, JSON.stringify(x));
    const page = await openWithToken(spec.browser, spec.collector, '/dashboard/#/experiments?project=demo');
    if (lang === 'fr') await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
    const w = WORDS[lang];
    const f = formats(lang);
    await page.getByRole('heading', { level: 1, name: w.title }).waitFor();
    await page.waitForURL(/\/dashboard\/experiments\?/);
    await page.getByRole('navigation').getByRole('link', { name: w.title, exact: true }).and(page.locator('[aria-current="page"]')).waitFor();

    const card = page.locator(`section[data-moment="${MOMENT}"]`);
    await card.locator('tr[data-variant="short"]').waitFor();
    await card.getByText('wording-1', { exact: true }).waitFor();
    // The start's day in the project's zone (UTC), as `Intl` writes it in `lang`.
    const started = new Intl.DateTimeFormat(lang, {
      timeZone: 'UTC', calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: 'short', day: 'numeric',
    }).format(new Date('2020-01-01T00:00:00Z'));
    await card.locator('time[datetime="2020-01-01T00:00:00Z"]').getByText(started, { exact: true }).waitFor();
    for (const v of x.variants) {
      const row = card.locator(`tr[data-variant="${v.id}"]`);
      const cell = (col) => row.locator(`td[data-col="${col}"]`).textContent();
      assert.equal(await cell('shown'), String(v.shown));
      assert.equal(await cell('answered'), String(v.answered));
      const ci = v.response_rate_ci95;
      assert.equal(await cell('response_rate'), `${f.pct(v.response_rate)} (${f.pct(ci.low)}\u00a0–\u2060\u00a0${f.pct(ci.high)})`);
      assert.equal(await cell('comment_rate'), f.pct(v.comment_rate));
      assert.equal(await cell('nps'), `${f.num(v.nps)} (${f.num(v.ci95.low)}\u00a0–\u2060\u00a0${f.num(v.ci95.high)})`);
      if (v.vs_control) {
        const vs = v.vs_control;
        assert.equal(await cell('rate_difference'), `${f.points(vs.rate_difference * 100)} (${f.p(vs.rate_p_value)})`);
        assert.equal(await cell('nps_difference'), `${f.points(vs.nps_difference)} (${f.p(vs.nps_p_value)})`);
        assert.equal(await cell('verdict'), w.better);
      } else {
        assert.equal(await cell('verdict'), w.control);
      }
    }
    await card.getByText(w.needed(x.needed_for.impressions), { exact: true }).waitFor();

    // Each variant's question, in the widget's own prompt.
    for (const id of ['control', 'short']) {
      const preview = page.getByRole('region', { name: `${w.preview} ${id}`, exact: true });
      await preview.getByRole('dialog', { name: QUESTION[id][lang] }).waitFor();
    }
    // The moment without variants: how to add them, no table.
    const plain = page.locator('section[data-moment="export_done"]');
    await plain.getByText(w.howTo, { exact: false }).waitFor();
    assert.equal(await plain.locator('table').count(), 0);

    assert.deepEqual(await seriousViolations(page), [], 'axe at 1280 px');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.deepEqual(await seriousViolations(page), [], 'axe at 390 px');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scroll at 390 px (${overflow} px too wide)`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshots(page, `dashboard-experiments-${lang}`);
    if (lang === 'fr') {
      await page.getByRole('combobox', { name: 'Langue', exact: true }).selectOption('en');
      await page.getByRole('link', { name: 'Overview' }).waitFor();
    }
    await page.close();
  });
}
