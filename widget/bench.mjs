// What the widget costs the host page, measured in Chromium (Debian's
// /usr/bin/chromium) against the real collector and its demo page:
//
//   - bytes on the wire (CDP `Network.loadingFinished.encodedDataLength`:
//     compressed bodies and headers) of everything the widget fetches
//     (`/widget.js`, `/widget/*`, `/api/v1/*`), for a first-time visitor's
//     first page view without a prompt, one with a prompt, and a repeat view;
//   - at 4× CPU throttle, while the page loads the widget and while a
//     prompt opens: the widget's longest task and its main-thread time (CPU
//     profile samples with the widget's code on the stack), beside the
//     page's longest long task whatever its cause (PerformanceObserver
//     `longtask`; the page alone is measured too);
//   - the layout shift the prompt causes (`layout-shift` entries);
//   - `show()` to the dialog on screen (the frame it is painted in), as a
//     multiple of the same page building a plain-DOM dialog of the same
//     shape: with the ui module cold (the page's first prompt) and warm.
//
//   node widget/bench.mjs [--json OUT.json] [--runs N]     (npm run bench:widget)
//
// Bytes are deterministic and checked by widget/build.sh's budget; the
// timings vary with the machine and are only reported (median of N runs).
// NPS_COLLECTOR_BIN picks another collector binary (e.g. an older build to
// compare with); it serves the widget it embeds (release) or widget/dist
// (debug).
import { writeFileSync } from 'node:fs';

import { launchBrowser } from '../tests/support/browser.mjs';
import { startCollector } from '../tests/support/collector.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(option('--runs', 5));
const JSON_OUT = option('--json', null);
const KB = 1024;
const GOALS = { firstView: 35 * KB, withPrompt: 100 * KB, repeatView: 1 * KB };

const QUESTION = 'How likely are you to recommend us to a friend or colleague?';

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

const settle = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the widget runs and has its config, then for the network to go quiet. */
async function widgetIdle(page) {
  await page.waitForFunction(() => typeof window.nps === 'function' && !Array.isArray(window.nps.q));
  await page.waitForLoadState('networkidle');
  await settle(1_000);
}

async function visitor() {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.addInitScript(observe);
  const net = await wire(page);
  return { browser, page, net };
}

/** One first-time visitor: first view, repeat view, then a prompt on a third view. */
async function bytesRun(collector) {
  const { browser, page, net } = await visitor();
  try {
    await page.goto(`${collector.url}/demo/`);
    await widgetIdle(page);
    const first = net.take();

    await page.goto(`${collector.url}/demo/`);
    await widgetIdle(page);
    const repeat = net.take();
    return { first, repeat };
  } finally {
    await browser.close();
  }
}

async function promptRun(collector) {
  const { browser, page, net } = await visitor();
  try {
    await page.goto(`${collector.url}/demo/`);
    await page.getByRole('button', { name: 'Finish onboarding', exact: true }).click();
    await page.getByRole('dialog', { name: QUESTION }).waitFor();
    await page.waitForLoadState('networkidle');
    await settle(1_000);
    return net.take();
  } finally {
    await browser.close();
  }
}

/** The longest long task at 4× CPU throttle of the demo page without the widget. */
async function controlRun(collector) {
  const { browser, page, net } = await visitor();
  try {
    await net.cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.route('**/widget.js', (route) => route.abort());
    await page.goto(`${collector.url}/demo/`);
    await page.waitForLoadState('networkidle');
    await settle(1_000);
    const tasks = await page.evaluate(() => window.__bench.longtasks.splice(0));
    return tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  } finally {
    await browser.close();
  }
}

/**
 * The widget's share of a CPU profile: samples with the widget's code on
 * the stack (widget.js, the ui's glue, their wasm), grouped into stretches
 * of main-thread work (samples less than 2 ms apart). Returns the longest
 * stretch (the widget's longest task) and the total.
 */
function widgetWork(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const mine = new Map();
  const own = (n) => /\/widget(\.js|\/)/.test(n.callFrame.url);
  const visit = (id, inherited) => {
    const n = nodes.get(id);
    const m = inherited || own(n);
    mine.set(id, m);
    for (const c of n.children ?? []) visit(c, m);
  };
  visit(profile.nodes[0].id, false);
  let t = profile.startTime;
  let longest = 0;
  let total = 0;
  let stretch = null;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (!mine.get(profile.samples[i])) continue;
    total += dt;
    if (stretch && t - stretch.end < 2_000) stretch.end = t;
    else stretch = { start: t - dt, end: t };
    longest = Math.max(longest, stretch.end - stretch.start);
  }
  return { longest: longest / 1000, total: total / 1000 };
}

/**
 * At 4× CPU throttle: the widget's longest task and its main-thread time
 * (CPU profile) while the page loads it, then while a prompt opens; the
 * page's longest long task (PerformanceObserver, any cause) in each; and
 * the layout shift after the prompt appeared.
 */
async function costRun(collector) {
  const { browser, page, net } = await visitor();
  try {
    const { cdp } = net;
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${collector.url}/demo/`);
    await widgetIdle(page);
    const load = widgetWork((await cdp.send('Profiler.stop')).profile);
    const loadTasks = await page.evaluate(() => window.__bench.longtasks.splice(0));
    const before = await page.evaluate(() => performance.now());
    await cdp.send('Profiler.start');
    await page.getByRole('button', { name: 'Finish onboarding', exact: true }).click();
    await page.getByRole('dialog', { name: QUESTION }).waitFor();
    await settle(1_500);
    const prompt = widgetWork((await cdp.send('Profiler.stop')).profile);
    const promptTasks = await page.evaluate(() => window.__bench.longtasks.splice(0));
    const shifts = await page.evaluate((t) => window.__bench.shifts.filter((s) => s.start >= t), before);
    const longest = (tasks) => tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    return {
      load,
      prompt,
      loadLongTask: longest(loadTasks),
      promptLongTask: longest(promptTasks),
      shift: shifts.reduce((a, s) => a + s.value, 0),
    };
  } finally {
    await browser.close();
  }
}

/** In the page: ms from `f()` to the first frame showing `present()`. */
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

async function showRun(collector) {
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

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function main() {
  const collector = await startCollector();
  try {
    const bytes = await bytesRun(collector);
    const withPrompt = await promptRun(collector);
    const costs = [];
    const shows = [];
    const controls = [];
    for (let i = 0; i < RUNS; i++) {
      controls.push(await controlRun(collector));
      costs.push(await costRun(collector));
      shows.push(await showRun(collector));
    }
    const result = {
      bytes: {
        firstView: bytes.first.bytes,
        withPrompt: withPrompt.bytes,
        repeatView: bytes.repeat.bytes,
        requests: { firstView: bytes.first.requests, withPrompt: withPrompt.requests, repeatView: bytes.repeat.requests },
      },
      goals: GOALS,
      widgetTaskMs: {
        load: median(costs.map((c) => c.load.longest)),
        prompt: median(costs.map((c) => c.prompt.longest)),
      },
      widgetMainThreadMs: {
        load: median(costs.map((c) => c.load.total)),
        prompt: median(costs.map((c) => c.prompt.total)),
      },
      longestLongTaskMs: {
        pageAlone: median(controls),
        load: median(costs.map((c) => c.loadLongTask)),
        prompt: median(costs.map((c) => c.promptLongTask)),
      },
      layoutShift: Math.max(...costs.map((c) => c.shift)),
      showMs: {
        plainDom: median(shows.map((s) => s.plain)),
        cold: median(shows.map((s) => s.cold)),
        warm: median(shows.map((s) => s.warm)),
        // Every run, for the spread (the warm case is bimodal: the dialog
        // makes the first frame after `show()` or the one after it).
        runs: shows,
      },
      runs: RUNS,
    };
    report(result);
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(result, null, 2) + '\n');
  } finally {
    await collector.stop();
  }
}

function report(r) {
  const n = (v) => Math.round(v).toLocaleString('en-US');
  const ms = (v) => `${v.toFixed(1)} ms`;
  const lt = (v) => (v ? ms(v) : 'none (< 50 ms)');
  const rows = [
    ['first view, no prompt (bytes on the wire)', `${n(r.bytes.firstView)} B`, `≤ ${n(r.goals.firstView)} B`],
    ['first view, with a prompt', `${n(r.bytes.withPrompt)} B`, `≤ ${n(r.goals.withPrompt)} B`],
    ['repeat view', `${n(r.bytes.repeatView)} B`, `≤ ${n(r.goals.repeatView)} B`],
    ['widget: longest task at 4× throttle, loading', ms(r.widgetTaskMs.load), 'reported'],
    ['widget: longest task at 4× throttle, prompting', ms(r.widgetTaskMs.prompt), 'reported'],
    ['widget: main-thread time at 4× throttle, loading', ms(r.widgetMainThreadMs.load), 'reported'],
    ['widget: main-thread time at 4× throttle, prompting', ms(r.widgetMainThreadMs.prompt), 'reported'],
    ['page: longest long task at 4×, without the widget', lt(r.longestLongTaskMs.pageAlone), '—'],
    ['page: longest long task at 4×, loading the widget', lt(r.longestLongTaskMs.load), '—'],
    ['page: longest long task at 4×, a prompt opening', lt(r.longestLongTaskMs.prompt), '—'],
    ['layout shift caused by the prompt', r.layoutShift.toFixed(4), 'reported'],
    ['show() → dialog painted, ui cold', `${ms(r.showMs.cold)} (${(r.showMs.cold / r.showMs.plainDom).toFixed(1)}× plain DOM)`, 'reported'],
    ['show() → dialog painted, ui warm', `${ms(r.showMs.warm)} (${(r.showMs.warm / r.showMs.plainDom).toFixed(1)}× plain DOM)`, 'reported'],
    ['plain-DOM dialog → painted, same page', ms(r.showMs.plainDom), '—'],
  ];
  const w = Math.max(...rows.map((x) => x[0].length));
  console.log(`widget bench (Chromium, median of ${r.runs} runs for timings)`);
  for (const [what, value, goal] of rows) console.log(`${what.padEnd(w)}  ${value.padStart(28)}  ${goal}`);
  for (const [view, list] of Object.entries(r.bytes.requests)) {
    console.log(`  ${view}: ${list.map((x) => `${x.path.replace(/-[0-9a-f]{16}/, '-…')} ${n(x.bytes)}`).join(', ') || 'nothing'}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
