// The widget bench's show timing (widget/bench.mjs): `show()` to the
// dialog painted, cold and warm, beside a plain-DOM dialog of the same
// shape built by the same page.
import { visitor, widgetIdle } from './page.mjs';

/** In the page: ms from `start()` to the first frame showing `present()`. */
function timeToFrame() {
  window.__toFrame = (start, present) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      start();
      const check = () => (present() ? resolve(performance.now() - t0) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
  window.__widgetDialog = () =>
    Boolean(document.querySelector('[data-nps-widget]')?.shadowRoot?.querySelector('[role=dialog]'));
  // The same shape as the prompt, in plain DOM: a dialog, a question, an
  // 11-radio group with its labels, two buttons and a close button.
  window.__plainDialog = () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>.c{position:fixed;right:24px;bottom:24px;width:440px;background:#fff;border:1px solid #ccc}'
      + '.s{display:grid;grid-template-columns:repeat(11,1fr)}</style>';
    const card = document.createElement('div');
    card.className = 'c';
    card.setAttribute('role', 'dialog');
    const q = document.createElement('p');
    q.textContent = 'How likely are you to recommend us?';
    const scale = document.createElement('div');
    scale.className = 's';
    scale.setAttribute('role', 'radiogroup');
    for (let i = 0; i <= 10; i++) {
      const b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('role', 'radio');
      b.setAttribute('aria-checked', 'false');
      b.tabIndex = i === 0 ? 0 : -1;
      b.textContent = String(i);
      b.addEventListener('click', () => b.setAttribute('aria-checked', 'true'));
      scale.append(b);
    }
    const ends = document.createElement('div');
    ends.innerHTML = '<span>Not at all likely</span><span>Extremely likely</span>';
    const foot = document.createElement('div');
    foot.innerHTML = '<button type="button">Don\'t ask me again</button><button type="button">Ask me later</button>';
    const x = document.createElement('button');
    x.setAttribute('aria-label', 'Close');
    x.textContent = '×';
    card.append(q, scale, ends, foot, x);
    root.append(card);
    document.body.append(host);
    scale.firstChild.focus();
    host.dataset.plain = '';
  };
}

export async function showRun(collector) {
  const { browser, page } = await visitor();
  try {
    await page.addInitScript(timeToFrame);
    await page.goto(`${collector.url}/demo/`);
    await widgetIdle(page);
    const plain = await page.evaluate(() =>
      window.__toFrame(window.__plainDialog, () => document.querySelector('[data-plain]')));
    await page.evaluate(() => document.querySelector('[data-plain]').remove());
    const cold = await page.evaluate(() => window.__toFrame(() => window.nps('show'), window.__widgetDialog));
    await page.evaluate(() => window.nps('reset'));
    await page.waitForFunction(() => !document.querySelector('[data-nps-widget]'));
    const warm = await page.evaluate(() => window.__toFrame(() => window.nps('show'), window.__widgetDialog));
    return { plain, cold, warm };
  } finally {
    await browser.close();
  }
}
