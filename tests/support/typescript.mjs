// The TypeScript compiler (the root devDependency `typescript`), run as a
// customer's build would run it: `tsc --noEmit --strict` on given files of
// a folder. Used by the npm package spec (tests/npm-package/) and the typed
// OpenAPI client (tests/openapi-client/).
import { execFile } from 'node:child_process';
import { join } from 'node:path';

import { ROOT } from './collector.mjs';

const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** Runs a command; resolves to its exit code and output, never throws. */
export function run(command, args, cwd) {
  return new Promise((done) => {
    execFile(command, args, { cwd, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/**
 * `tsc --noEmit --strict` on `files` (relative to `dir`), for the browser
 * (`dom` types), with the module resolution of a bundler or of Node.
 * @param {string} dir
 * @param {string[]} files
 * @param {'bundler' | 'node16'} [resolution]
 * @returns {Promise<{code: number, output: string}>}
 */
export async function typeCheck(dir, files, resolution = 'bundler') {
  const module = resolution === 'bundler' ? 'esnext' : resolution;
  const { code, stdout, stderr } = await run(process.execPath, [
    TSC, '--noEmit', '--strict', '--pretty', 'false',
    '--target', 'es2022', '--lib', 'es2022,dom', '--module', module, '--moduleResolution', resolution,
    ...files,
  ], dir);
  return { code, output: `${stdout}${stderr}` };
}
