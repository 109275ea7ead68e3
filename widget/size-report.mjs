// Prints the widget's download size, raw and compressed the way a server
// would send it, and saves the figures as JSON for CI to track.
//
//   node widget/size-report.mjs OUT.json FILE...
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const [out, ...files] = process.argv.slice(2);
if (!out || files.length === 0) {
  console.error('usage: node size-report.mjs OUT.json FILE...');
  process.exit(2);
}

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

// `kind` is stable across builds; the wasm's file name carries its hash.
const rows = files.map((f) => ({ file: basename(f), kind: f.endsWith('.wasm') ? 'wasm' : 'js', ...sizes(readFileSync(f)) }));
const total = { file: 'total', raw: 0, gzip: 0, brotli: 0 };
for (const r of rows) for (const k of ['raw', 'gzip', 'brotli']) total[k] += r[k];

const n = (v) => v.toLocaleString('en-US');
const width = Math.max(...rows.map((r) => r.file.length), 5);
const line = (r) =>
  `${r.file.padEnd(width)}  ${n(r.raw).padStart(9)}  ${n(r.gzip).padStart(9)}  ${n(r.brotli).padStart(9)}`;
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}  ${'brotli 11'.padStart(9)}`);
rows.forEach((r) => console.log(line(r)));
console.log(line(total));

const budget = 100 * 1024;
console.log(total.brotli <= budget
  ? `brotli total within the ${n(budget)} B budget`
  : `WARNING: brotli total exceeds the ${n(budget)} B budget`);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ files: rows, total, budget: { brotli: budget } }, null, 2) + '\n');
