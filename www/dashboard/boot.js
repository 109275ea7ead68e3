// Starts the dashboard: the wasm-bindgen `--target web` glue is bundled in
// with this file by build.sh, which also puts the hashed wasm's name here.
// An external module, never an inline script: the collector's CSP allows
// only 'self' scripts (and 'wasm-unsafe-eval' for the wasm).
import init from './nps_dashboard.js';

init({ module_or_path: new URL('@@WASM_FILE@@', import.meta.url) });
