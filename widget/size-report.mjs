// Prints the widget's download size per stage, raw and as the collector
// sends it (the .br and .gz copies widget/compress.mjs wrote beside each
// file), saves the figures as JSON for CI to track, and fails (exit 1) past
// the byte budget.
//
//   node widget/size-report.mjs OUT.json --core FILE... --ui FILE... [--lang FILE...] [--notice FILE...]
//
// `--lang` files are the languages' texts (lang-<hash>-<code>.json): a
// prompt fetches one of them, the visitor's (none in English), so the
// budget with a prompt counts the largest. `--notice` files (a waiting
// notice's module, loaded only to show one, never with a prompt) are
// listed and counted in neither budget.
//
// The goals are on the wire, measured in Chromium by `npm run bench:widget`
// (widget/bench.mjs): a first page view without a prompt at most 35 KB, one
// with a prompt at most 100 KB. The wire adds to these files the config
// document and each response's headers (about 0.4 KB each); OVERHEAD
// leaves room for them.
//
// The first view's goal is not met since the widget applies experiments,
// pauses, cadence overrides, sampling pauses and the server's pending
// moments (issues 25 and 26), which added about 2.3 KB brotli to the
// core; the savings found since (widget/README.md, "Measured") brought
// the view with a prompt back within its goal, not the first view; then
// carrying a paused prompt to the next page view (issue 25's `carry`)
// added 437 B brotli to the core, 178 B past the view with a prompt's goal.
// The build fails past BUDGET, the current size with a small margin, so
// that nothing grows unnoticed; GOALS stay what the report and the
// benchmark compare with.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';

const KB = 1024;
/** Headers of widget.js, the core wasm and the config, and the config:
 * measured at 1,478 B on the wire (widget/README.md, "Measured"), plus
 * 160 B for the config to grow. */
const OVERHEAD_CORE = 1.6 * KB;
/** Headers of the ui's two files and its language file, and the `shown`
 * event's answer: measured at 1,662 B on the wire with the French file,
 * plus 28 B. Thin on purpose: `npm run bench:widget` measures the wire,
 * and the goal is there. */
const OVERHEAD_UI = 1.65 * KB;
const GOALS = { firstView: 35 * KB, withPrompt: 100 * KB };
/** What the goals would allow these files (the build's budget once met). */
const WITHIN_GOALS = {
  core: GOALS.firstView - OVERHEAD_CORE,
  total: GOALS.withPrompt - OVERHEAD_CORE - OVERHEAD_UI,
};
/** Measured on 2026-12-07 (core 35,490 B, with a prompt 98,856 B) plus
 * 150 B, raised by the 437 B that `carry` added (core 35,884 B, with a
 * prompt 99,250 B). */
const BUDGET = { core: 36_077, total: 99_443 };
/** `warn`: the stable build (see build.sh), whose overshoot only warns. */
const WARN_ONLY = process.env.NPS_WIDGET_BUDGET === 'warn';

const args = process.argv.slice(2);
const out = args.shift();
const stages = { core: [], ui: [], lang: [], notice: [] };
let stage = null;
for (const a of args) {
  if (a === '--core' || a === '--ui' || a === '--lang' || a === '--notice') stage = a.slice(2);
  else if (stage) stages[stage].push(a);
}
if (!out || stages.core.length === 0) {
  console.error('usage: node size-report.mjs OUT.json --core FILE... [--ui FILE...]');
  process.exit(2);
}

const size = (f) => statSync(f).size;
const row = (f, s) => ({
  file: basename(f),
  stage: s,
  kind: f.endsWith('.wasm') ? 'wasm' : f.endsWith('.json') ? 'json' : 'js',
  raw: size(f),
  gzip: size(`${f}.gz`),
  brotli: size(`${f}.br`),
});
const rows = [...stages.core.map((f) => row(f, 'core')), ...stages.ui.map((f) => row(f, 'ui'))];
const langs = stages.lang.map((f) => row(f, 'lang'));
const notices = stages.notice.map((f) => row(f, 'notice'));
/** The largest language file (by brotli), which the budget counts. */
const largest = langs.reduce((a, b) => (b.brotli > (a?.brotli ?? -1) ? b : a), null);
const sum = (name, list) => {
  const t = { file: name, raw: 0, gzip: 0, brotli: 0 };
  for (const r of list) for (const k of ['raw', 'gzip', 'brotli']) t[k] += r[k];
  return t;
};
const core = sum('core (every page)', rows.filter((r) => r.stage === 'core'));
const ui = sum('ui (when a prompt is due)', rows.filter((r) => r.stage === 'ui'));
const total = sum(largest ? `total (with a prompt, largest language: ${largest.file})` : 'total (with a prompt)', largest ? [...rows, largest] : rows);

const n = (v) => Math.round(v).toLocaleString('en-US');
const width = Math.max(...[...rows, ...langs, ...notices, core, ui, total].map((r) => r.file.length), 5);
const line = (r) =>
  `${r.file.padEnd(width)}  ${n(r.raw).padStart(9)}  ${n(r.gzip).padStart(9)}  ${n(r.brotli).padStart(9)}`;
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}  ${'brotli 11'.padStart(9)}`);
rows.forEach((r) => console.log(line(r)));
langs.forEach((r) => console.log(line(r)));
notices.forEach((r) => console.log(line(r)));
[core, ui, total].forEach((r) => console.log(line(r)));

const over = [];
const check = (what, bytes, budget, goal) => {
  const mark = bytes <= budget ? 'ok  ' : 'OVER';
  const vsGoal = bytes <= goal ? 'within the goal' : `${n(bytes - goal)} B past the goal's ${n(goal)} B`;
  console.log(`${mark} ${what}: ${n(bytes)} B brotli, budget ${n(budget)} B (${vsGoal})`);
  if (bytes > budget) over.push(what);
};
check('core (first view without a prompt)', core.brotli, BUDGET.core, WITHIN_GOALS.core);
check('core + ui + largest language (first view with a prompt)', total.brotli, BUDGET.total, WITHIN_GOALS.total);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ files: rows, languages: langs, notice: notices, core, ui, total, budget: { brotli: BUDGET }, within_goals: { brotli: WITHIN_GOALS }, goals: GOALS }, null, 2) + '\n');
if (over.length > 0 && WARN_ONLY) {
  console.warn(`WARNING (stable build): over the byte budget: ${over.join(', ')}`);
} else if (over.length > 0) {
  console.error(`widget/size-report.mjs: over the byte budget: ${over.join(', ')}`);
  process.exit(1);
}
