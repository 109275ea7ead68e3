// Trims the core's wasm-bindgen glue (`--target no-modules`) to what
// widget.js uses, before its names are shortened (minify-names.mjs):
//
//   node widget/trim-glue.mjs GLUE.js
//   node widget/trim-glue.mjs --lazy GLUE.js   # the lazy module's (`--target web`)
//
// The glue is pasted into widget.js, which every page view downloads, and
// wasm-bindgen writes for every way of loading a module: `initSync`, the
// deprecated call forms and their warnings, a default path from
// `document.currentScript`, and `free()` with a FinalizationRegistry for a
// `Widget` that lives as long as the page. The loader calls it one way,
// `wasm_bindgen(url)`, so the loading part is replaced by that one way (a
// fetch, compiled as it streams, or from its bytes when a proxy serves it
// without `application/wasm`, as wasm-bindgen's own fallback does); the
// rest is cut. Together about 0.3 KB brotli. Each cut must find what it
// cuts, or the build fails: a new wasm-bindgen (its version is pinned in
// Cargo.toml) must be looked at again.
//
// The lazy module's ES-module glue is loaded one way too: the loader
// calls its default export with the wasm's `fetch` promise. Its
// `initSync`, the deprecated call forms, the default path from
// `import.meta.url` and the other kinds of argument go (about 0.2 KB
// brotli).
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const lazy = args[0] === '--lazy';
const gluePath = lazy ? args[1] : args[0];
if (!gluePath) {
  console.error('usage: node trim-glue.mjs [--lazy] GLUE.js');
  process.exit(2);
}
let glue = readFileSync(gluePath, 'utf8');

/** Replaces the text from `start` up to (not including) `end` with `by`. */
function cut(what, start, end, by = '') {
  const from = glue.indexOf(start);
  const to = from < 0 ? -1 : glue.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new Error(`trim-glue: ${what} not found in the glue`);
  glue = glue.slice(0, from) + by + glue.slice(to);
}

if (lazy) {
  cut(
    'the lazy loading functions',
    'async function __wbg_load(',
    'export { initSync, __wbg_init as default };',
    `async function __wbg_init(fetched) {
    if (wasm !== undefined) return wasm;
    const imports = __wbg_get_imports();
    const response = await fetched;
    if (!response.ok) throw new Error('failed to fetch the prompt: ' + response.status);
    let loaded;
    try {
        loaded = await WebAssembly.instantiateStreaming(response, imports);
    } catch (e) {
        if (response.headers.get('Content-Type') === 'application/wasm') throw e;
        loaded = await WebAssembly.instantiate(await response.arrayBuffer(), imports);
    }
    return __wbg_finalize_init(loaded.instance, loaded.module);
}

`,
  );
  cut('initSync', 'export { initSync, ', '__wbg_init as default };', 'export { ');
  writeFileSync(gluePath, glue);
  process.exit(0);
}

cut('the default path', 'let script_src;', '/**');
cut('Widget.free', '__destroy_into_raw() {', '/**');
cut('Symbol.dispose', 'if (Symbol.dispose)', 'exports.Widget');
// Up to the next function (which one depends on reference types, see build.sh).
cut('the Widget finalizer', 'const WidgetFinalization', 'function ');
cut('the Widget finalizer registration', 'WidgetFinalization.register(', 'return this;');
cut(
  'the loading functions',
  'async function __wbg_load(',
  'return Object.assign(',
  `async function __wbg_init(url) {
        const imports = __wbg_get_imports();
        const response = await fetch(url);
        if (!response.ok) throw new Error('failed to fetch the widget: ' + response.status);
        let loaded;
        try {
            loaded = await WebAssembly.instantiateStreaming(response, imports);
        } catch (e) {
            if (response.headers.get('Content-Type') === 'application/wasm') throw e;
            loaded = await WebAssembly.instantiate(await response.arrayBuffer(), imports);
        }
        return __wbg_finalize_init(loaded.instance, loaded.module);
    }

    `,
);
cut('initSync', ', { initSync }', ', exports');
writeFileSync(gluePath, glue);
