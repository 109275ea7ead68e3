// The dashboard in each of its eight languages: the language menu is a
// control named "Language" in the current language, choosing a language
// renames the navigation and sets <html lang> (and dir="rtl" in Arabic,
// with the layout mirrored); in German and Arabic no English label or
// sentence is left on any page; screenshots at 1280 and 390 px; no
// serious axe-core violation in Arabic and German.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openWithToken, screenshots, seedAnswers, seriousViolations } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

process.env.NPS_RATE_LIMIT_PER_IP = '0';

/** Per language: the menu's name, then the navigation's links in order. */
const LANGUAGES = {
  en: ['Language', ['Overview', 'Segments', 'Comments', 'Themes', 'Experiments', 'Follow-up', 'Timing', 'Look', 'Integrations', 'Members']],
  fr: ['Langue', ["Vue d'ensemble", 'Segments', 'Commentaires', 'Thèmes', 'Expériences', 'Suivi', 'Déclenchement', 'Apparence', 'Intégrations', 'Membres']],
  de: ['Sprache', ['Übersicht', 'Segmente', 'Kommentare', 'Themen', 'Experimente', 'Nachverfolgung', 'Zeitpunkt', 'Aussehen', 'Integrationen', 'Mitglieder']],
  es: ['Idioma', ['Resumen', 'Segmentos', 'Comentarios', 'Temas', 'Experimentos', 'Seguimiento', 'Cuándo preguntar', 'Apariencia', 'Integraciones', 'Miembros']],
  it: ['Lingua', ['Panoramica', 'Segmenti', 'Commenti', 'Temi', 'Esperimenti', 'Follow-up', 'Tempistica', 'Aspetto', 'Integrazioni', 'Membri']],
  pt: ['Idioma', ['Visão geral', 'Segmentos', 'Comentários', 'Temas', 'Experimentos', 'Acompanhamento', 'Momento de perguntar', 'Aparência', 'Integrações', 'Membros']],
  nl: ['Taal', ['Overzicht', 'Segmenten', 'Opmerkingen', 'Thema’s', 'Experimenten', 'Opvolging', 'Timing', 'Uiterlijk', 'Integraties', 'Leden']],
  ar: ['اللغة', ['نظرة عامة', 'الشرائح', 'التعليقات', 'المواضيع', 'التجارب', 'المتابعة', 'التوقيت', 'المظهر', 'التكاملات', 'الأعضاء']],
};

/**
 * English labels and sentences of the pages (from `en.rs` and the
 * sentences composed around numbers): none may show in German or Arabic.
 */
const ENGLISH_LABELS = [
  'Score distribution', 'Promoters', 'Passives', 'Detractors', 'Response rate per moment', 'Group by',
  'Filters', 'Clear filters', 'Search the comments', 'Only answers with a comment', 'Download CSV',
  'Load more', 'Tag rules', 'Themes found', 'What hurts', 'What helps', 'Segment by', 'Tenure curve',
  'Follow-up', 'In plain words', 'Save timing rules', 'of users may be asked', 'Never two prompts',
  'Colours and placement', 'Live preview', 'Install the widget', 'Allowed origins', 'Invite a member',
  'History of changes', 'Time zone', 'Last 30 days', 'Provisional', '95% interval', 'more answers for',
  'most frequent score', 'of the comments', 'Period before', 'too few to estimate', 'not significant',
];
/** English words that no German or Arabic sentence holds (the seeded comments avoid them). */
const ENGLISH_WORDS = /\b(the|and|of|with|without|answers?|responses?|periods?|days)\b/i;

/**
 * The words a reader sees in the page's main region and banner: code
 * (the install snippet, command lines) and what respondents wrote are
 * data, not the dashboard's words.
 */
async function shownText(page) {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('code, pre, textarea, select, datalist, .comment, blockquote').forEach((e) => e.remove());
    document.body.append(copy);
    copy.style.cssText = 'position:absolute;left:-99999px;top:0;width:1280px';
    const text = copy.innerText;
    copy.remove();
    return text;
  });
}

const spec = specFixture({
  async setup({ collector }) {
    await seedAnswers(collector, [10, 9, 7, 3, 8, 10].map((score) => ({ score, comment: `score ${score}` })));
  },
});

test('the language menu switches the dashboard into each language and back', async () => {
  const page = await openWithToken(spec.browser, spec.collector);
  let current = 'en';
  for (const [code, [menu, nav]] of Object.entries(LANGUAGES)) {
    await page.getByRole('combobox', { name: LANGUAGES[current][0], exact: true }).selectOption(code);
    await page.getByRole('combobox', { name: menu, exact: true }).waitFor();
    current = code;
    const links = page.getByRole('navigation').getByRole('link');
    await links.first().getByText(nav[0], { exact: true }).waitFor();
    assert.deepEqual(await links.allTextContents(), nav, `${code} navigation`);
    assert.equal(await page.locator('html').getAttribute('lang'), code);
    assert.equal(await page.locator('html').getAttribute('dir'), code === 'ar' ? 'rtl' : 'ltr');
    await page.getByRole('heading', { level: 1, name: nav[0] }).waitFor();
    await screenshots(page, `dashboard-overview-${code}`);
  }
  await page.getByRole('combobox', { name: LANGUAGES.ar[0], exact: true }).selectOption('en');
  await page.getByRole('link', { name: 'Overview' }).waitFor();
  await page.close();
});

test('in Arabic the banner is mirrored: the brand on the right', async () => {
  const page = await openWithToken(spec.browser, spec.collector);
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ar');
  await page.getByRole('link', { name: 'نظرة عامة' }).waitFor();
  const width = page.viewportSize().width;
  const brand = await page.locator('.brand').boundingBox();
  assert.ok(brand.x > width / 2, `the brand starts right of the middle (x=${brand.x})`);
  await page.getByRole('combobox', { name: 'اللغة', exact: true }).selectOption('en');
  await page.getByRole('link', { name: 'Overview' }).waitFor();
  await page.close();
});

for (const [code, home] of [['ar', 'نظرة عامة'], ['de', 'Übersicht']]) {
  test(`axe-core finds no serious violation on the ${code} overview`, async () => {
    const page = await openWithToken(spec.browser, spec.collector);
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption(code);
    await page.getByRole('heading', { level: 1, name: home }).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.getByRole('combobox', { name: LANGUAGES[code][0], exact: true }).selectOption('en');
    await page.getByRole('link', { name: 'Overview' }).waitFor();
    await page.close();
  });
}

for (const [code, loading] of [['de', 'Wird geladen…'], ['ar', 'جارٍ التحميل…']]) {
  test(`in ${code} every page shows its own words, none left in English`, async () => {
    const page = await openWithToken(spec.browser, spec.collector);
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption(code);
    const nav = LANGUAGES[code][1];
    await page.getByRole('heading', { level: 1, name: nav[0] }).waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), code === 'ar' ? 'rtl' : 'ltr');
    const pages = ['overview', 'segments', 'comments', 'themes', 'experiments', 'follow-up', 'timing', 'look', 'integrations', 'members'];
    for (const [i, name] of nav.entries()) {
      await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.waitForFunction((words) => !document.body.innerText.includes(words), loading);
      const text = await shownText(page);
      const left = ENGLISH_LABELS.filter((label) => text.includes(label));
      assert.deepEqual(left, [], `${code} ${pages[i]}: English labels left`);
      const word = text.match(ENGLISH_WORDS);
      const around = word ? text.slice(Math.max(0, word.index - 60), word.index + 60) : '';
      assert.equal(word, null, `${code} ${pages[i]}: an English word in “${around}”`);
      if (['overview', 'comments', 'themes', 'timing'].includes(pages[i])) {
        await screenshots(page, `dashboard-${pages[i]}-${code}`);
      }
    }
    await page.getByRole('combobox', { name: LANGUAGES[code][0], exact: true }).selectOption('en');
    await page.getByRole('link', { name: 'Overview' }).waitFor();
    await page.close();
  });
}
