// The widget bench's runs (widget/bench.mjs): bytes on the wire without
// and with a prompt, and at 4x CPU throttle the widget's main-thread cost
// (CPU profile) and the page's long tasks and layout shift.
import { QUESTION } from '../../tests/support/prompt.mjs';
import { settle, visitor, widgetIdle } from './page.mjs';

/** One first-time visitor: first view, repeat view, then a prompt on a third view. */
export async function bytesRun(collector) {
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

export async function promptRun(collector, locale = 'en') {
  const { browser, page, net } = await visitor();
  try {
    await page.goto(`${collector.url}/demo/?locale=${locale}`);
    await page.getByRole('button', { name: 'Finish onboarding', exact: true }).click();
    await page.getByRole('dialog', { name: QUESTION[locale] }).waitFor();
    await page.waitForLoadState('networkidle');
    await settle(1_000);
    return net.take();
  } finally {
    await browser.close();
  }
}

/** The longest long task at 4× CPU throttle of the demo page without the widget. */
export async function controlRun(collector) {
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
export async function costRun(collector) {
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
    await page.getByRole('dialog', { name: QUESTION.en }).waitFor();
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
