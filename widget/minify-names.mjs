// Runs `wasm-opt -Oz` (and a few more passes) on a wasm-bindgen output and shortens its import and
// export names (and the import module's), rewriting the glue to match.
//
//   node widget/minify-names.mjs WASM_OPT IN.wasm OUT.wasm GLUE.js
//
// wasm-bindgen names every import `__wbg_<name>_<16 hex digits>`: the hex
// does not compress, and each name is written twice (in the wasm and in the
// glue), which costs about 2 KB brotli per module. Binaryen's
// `--minify-imports-and-exports-and-modules` renames them ("a", "b", …) and
// prints the mapping; the glue's import object keys, its `wasm.<export>`
// accesses and the module name are renamed to match. The build fails if a
// name is left over.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmOpt, input, output, gluePath] = process.argv.slice(2);
if (!gluePath) {
  console.error('usage: node minify-names.mjs WASM_OPT IN.wasm OUT.wasm GLUE.js');
  process.exit(2);
}

// `--gufa-optimizing` and `--converge` save about 200 B brotli more; the
// producers and target-features sections are of no use to a browser. The
// renaming runs on its own, once (under `--converge` it would run again).
execFileSync(wasmOpt, [
  '-Oz',
  '--gufa-optimizing',
  '--converge',
  '--strip-producers',
  input,
  '-o',
  output,
]);
const printed = execFileSync(
  wasmOpt,
  ['--minify-imports-and-exports-and-modules', '--strip-target-features', output, '-o', output],
  { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
);
const map = JSON.parse(printed.slice(printed.indexOf('{')));

/** The import module names of a wasm binary, in order of appearance. */
function importModules(bytes) {
  let p = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let b;
    do {
      b = bytes[p++];
      r |= (b & 0x7f) << s;
      s += 7;
    } while (b & 0x80);
    return r >>> 0;
  };
  while (p < bytes.length) {
    const id = bytes[p++];
    const len = leb();
    if (id !== 2) {
      p += len;
      continue;
    }
    const modules = new Set();
    const count = leb();
    for (let i = 0; i < count; i++) {
      const ml = leb();
      modules.add(bytes.subarray(p, p + ml).toString());
      p += ml;
      p += leb(); // field name
      const kind = bytes[p++];
      if (kind === 0) leb();
      else if (kind === 1) {
        p++;
        const flags = bytes[p++];
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = bytes[p++];
        leb();
        if (flags & 1) leb();
      } else p += 2;
    }
    return [...modules];
  }
  return [];
}

const oldModules = [...new Set(map.imports.map(([module]) => module))];
const newModules = importModules(readFileSync(output));
if (oldModules.length !== 1 || newModules.length !== 1) {
  throw new Error(`expected one import module, got ${oldModules} → ${newModules}`);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let glue = readFileSync(gluePath, 'utf8');
glue = glue.replaceAll(JSON.stringify(oldModules[0]), JSON.stringify(newModules[0]));
for (const [, from, to] of map.imports) {
  const re = new RegExp(`(?<![\\w$])${escape(from)}(?![\\w$])`, 'g');
  if (!re.test(glue)) throw new Error(`import ${from} not found in the glue`);
  glue = glue.replace(re, to);
}
for (const [from, to] of map.exports) {
  glue = glue.replace(new RegExp(`(?<=\\bwasm\\.)${escape(from)}(?![\\w$])`, 'g'), to);
}
for (const [, from] of map.imports) {
  if (glue.includes(from)) throw new Error(`import ${from} left in the glue`);
}
for (const [from] of map.exports) {
  if (new RegExp(`\\bwasm\\.${escape(from)}(?![\\w$])`).test(glue)) {
    throw new Error(`export ${from} left in the glue`);
  }
}
writeFileSync(gluePath, glue);
