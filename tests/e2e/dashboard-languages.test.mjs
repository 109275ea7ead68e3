// The dashboard in each of its eight languages: the language menu is a
// control named "Language" in the current language, choosing a language
// renames the navigation and sets <html lang> (and dir="rtl" in Arabic,
// with the layout mirrored); screenshots at 1280 and 390 px; no serious
// axe-core violation in Arabic and German.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openWithToken, screenshots, seedAnswers, seriousViolations } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

process.env.NPS_RATE_LIMIT_PER_IP = '0';

/** Per language: the menu's name, then the navigation's links in order. */
const LANGUAGES = {
  en: ['Language', ['Overview', 'Segments', 'Comments', 'Themes', 'Follow-up', 'Timing', 'Look', 'Integrations', 'Members']],
  fr: ['Langue', ["Vue d'ensemble", 'Segments', 'Commentaires', 'Thèmes', 'Suivi', 'Déclenchement', 'Apparence', 'Intégrations', 'Membres']],
  de: ['Sprache', ['Übersicht', 'Segmente', 'Kommentare', 'Themen', 'Nachverfolgung', 'Zeitpunkt', 'Aussehen', 'Integrationen', 'Mitglieder']],
  es: ['Idioma', ['Resumen', 'Segmentos', 'Comentarios', 'Temas', 'Seguimiento', 'Cuándo preguntar', 'Apariencia', 'Integraciones', 'Miembros']],
  it: ['Lingua', ['Panoramica', 'Segmenti', 'Commenti', 'Temi', 'Follow-up', 'Tempistica', 'Aspetto', 'Integrazioni', 'Membri']],
  pt: ['Idioma', ['Visão geral', 'Segmentos', 'Comentários', 'Temas', 'Acompanhamento', 'Momento de perguntar', 'Aparência', 'Integrações', 'Membros']],
  nl: ['Taal', ['Overzicht', 'Segmenten', 'Opmerkingen', 'Thema’s', 'Opvolging', 'Timing', 'Uiterlijk', 'Integraties', 'Leden']],
  ar: ['اللغة', ['نظرة عامة', 'الشرائح', 'التعليقات', 'المواضيع', 'المتابعة', 'التوقيت', 'المظهر', 'التكاملات', 'الأعضاء']],
};

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
