// What the widget costs the host page, measured in Chromium (Debian's
// /usr/bin/chromium) against the real collector and its demo page:
//
//   - bytes on the wire (CDP `Network.loadingFinished.encodedDataLength`:
//     compressed bodies and headers) of everything the widget fetches
//     (`/widget.js`, `/widget/*`, `/api/v1/*`), for a first-time visitor's
//     first page view without a prompt, one with a prompt (in each language:
//     all but English fetch their texts with it), and a repeat view;
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
// (debug). The runs are in widget/bench/: page.mjs (the measured page),
// runs.mjs (bytes, main-thread cost) and show.mjs (show() to paint).
import { writeFileSync } from 'node:fs';

import { startCollector } from '../tests/support/collector.mjs';
import { QUESTION } from '../tests/support/prompt.mjs';
import { bytesRun, controlRun, costRun, promptRun } from './bench/runs.mjs';
import { showRun } from './bench/show.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(option('--runs', 5));
const JSON_OUT = option('--json', null);
const KB = 1024;
const GOALS = { firstView: 35 * KB, withPrompt: 100 * KB, repeatView: 1 * KB };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function main() {
  const collector = await startCollector();
  try {
    const bytes = await bytesRun(collector);
    const withPrompt = await promptRun(collector);
    // The same first view with a prompt in each language: English is the
    // lazy module's own, each other adds its file of texts.
    const perLanguage = {};
    for (const locale of Object.keys(QUESTION)) perLanguage[locale] = (await promptRun(collector, locale)).bytes;
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
        withPromptPerLanguage: perLanguage,
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
  console.log('first view with a prompt, per language (bytes on the wire):');
  for (const [locale, bytes] of Object.entries(r.bytes.withPromptPerLanguage)) {
    console.log(`  ${locale.padEnd(5)}  ${n(bytes).padStart(9)} B  ${bytes <= r.goals.withPrompt ? 'ok' : 'OVER'}`);
  }
  for (const [view, list] of Object.entries(r.bytes.requests)) {
    console.log(`  ${view}: ${list.map((x) => `${x.path.replace(/-[0-9a-f]{16}/, '-…')} ${n(x.bytes)}`).join(', ') || 'nothing'}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
