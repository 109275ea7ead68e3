// Finding and driving the NPS prompt the way a person (or a screen reader)
// would: by role and accessible name. Role locators pierce the widget's open
// shadow root.
import { eventually } from './poll.mjs';

/** The prompt's question, which is the dialog's accessible name. */
export const QUESTION = {
  en: 'How likely are you to recommend us to a friend or colleague?',
  fr: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?',
  de: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?',
  es: '¿Con qué probabilidad nos recomendarías a un amigo o colega?',
  it: 'Con quale probabilità ci consiglieresti a un amico o a un collega?',
  pt: 'Qual a probabilidade de nos recomendar a um amigo ou colega?',
  'pt-BR': 'Qual a probabilidade de você nos recomendar a um amigo ou colega?',
  nl: 'Hoe waarschijnlijk is het dat je ons aanbeveelt aan een vriend of collega?',
  ar: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
};

/** Button labels per locale. */
export const LABELS = {
  en: { send: 'Send', close: 'Close' },
  fr: { send: 'Envoyer', close: 'Fermer' },
  de: { send: 'Senden', close: 'Schließen' },
  es: { send: 'Enviar', close: 'Cerrar' },
  it: { send: 'Invia', close: 'Chiudi' },
  pt: { send: 'Enviar', close: 'Fechar' },
  'pt-BR': { send: 'Enviar', close: 'Fechar' },
  nl: { send: 'Verzenden', close: 'Sluiten' },
  ar: { send: 'إرسال', close: 'إغلاق' },
};

/** The prompt dialog, located by its question. */
export function prompt(page, locale = 'en') {
  return page.getByRole('dialog', { name: QUESTION[locale] });
}

/** The radio for one score ("1" must not match "10"). */
export function scoreRadio(dialog, score) {
  return dialog.getByRole('radio', { name: String(score), exact: true });
}

/** Opens the demo app served by the collector. */
export async function openDemo(browser, collector, query = '') {
  const page = await browser.newPage();
  await page.goto(`${collector.url}/demo/${query}`);
  return page;
}

/** Clicks a demo button by its accessible name. */
export function press(page, name) {
  return page.getByRole('button', { name, exact: true }).click();
}

/** The widget callbacks the demo page has logged (`shown`, `answered`, `dismissed`). */
export function demoEvents(page) {
  return page.evaluate(() => window.demoEvents.map((e) => e.event));
}

/**
 * Asserts that `locator` does not become visible within `ms`: a bounded wait
 * that fails fast if it does appear.
 */
export async function staysHidden(locator, ms = 1_500) {
  try {
    await locator.waitFor({ state: 'visible', timeout: ms });
  } catch (error) {
    if (error.name === 'TimeoutError') return;
    throw error;
  }
  throw new Error(`expected ${locator} to stay hidden for ${ms} ms, but it appeared`);
}

/** Waits until `locator`'s text equals `expected`; returns it. */
export function waitForText(locator, expected, timeout = 8_000) {
  return eventually(async () => (await locator.textContent({ timeout })).trim(), {
    until: (text) => text === expected,
    timeout,
    what: `${locator} to read ${JSON.stringify(expected)}`,
  });
}

/** What has keyboard focus, looking through shadow roots. */
export function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const tag = el.tagName.toLowerCase();
    const implicit = { textarea: 'textbox', button: 'button', input: el.type === 'text' ? 'textbox' : el.type };
    return {
      role: el.getAttribute('role') ?? implicit[tag] ?? tag,
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
      inDialog: Boolean(el.closest('[role="dialog"]')),
    };
  });
}

/** Presses Tab until `wanted(focused)` holds; fails after `max` presses. */
export async function tabUntil(page, wanted, max = 40) {
  const seen = [];
  for (let i = 0; i <= max; i++) {
    const now = await focused(page);
    if (now && wanted(now)) return now;
    seen.push(now && `${now.role}:${now.name.slice(0, 20)}`);
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the wanted element; focus went through ${seen.join(' → ')}`);
}
