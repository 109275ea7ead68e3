// The page the widget bench measures (widget/bench.mjs): a first-time
// visitor's Chromium with long-task and layout-shift observers installed
// before any script, and the bytes of the widget's requests counted over
// CDP.
import { launchBrowser } from '../../tests/support/browser.mjs';

export const QUESTION = 'How likely are you to recommend us to a friend or colleague?';

/** Observers the page installs before any script: long tasks and layout shifts. */
function observe() {
  window.__bench = { longtasks: [], shifts: [] };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.hadRecentInput) window.__bench.shifts.push({ start: e.startTime, value: e.value });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (_) {
    // An engine without these entry types reports nothing.
  }
}

/** Counts the bytes of the widget's requests on `page`, from now on. */
async function wire(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map();
  const finished = [];
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId);
    if (!url) return;
    const path = new URL(url).pathname;
    if (path === '/widget.js' || path.startsWith('/widget/') || path.startsWith('/api/v1/')) {
      finished.push({ path, bytes: e.encodedDataLength });
    }
  });
  return {
    cdp,
    take() {
      const list = finished.splice(0);
      return { bytes: list.reduce((a, r) => a + r.bytes, 0), requests: list };
    },
  };
}

export const settle = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the widget runs and has its config, then for the network to go quiet. */
export async function widgetIdle(page) {
  await page.waitForFunction(() => typeof window.nps === 'function' && !Array.isArray(window.nps.q));
  await page.waitForLoadState('networkidle');
  await settle(1_000);
}

/** A first-time visitor's browser: observers installed, the widget's bytes counted. */
export async function visitor() {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.addInitScript(observe);
  const net = await wire(page);
  return { browser, page, net };
}
