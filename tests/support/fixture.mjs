// The one fixture of the browser specs: a collector for the spec file, a
// shared browser if the spec wants one, and whatever else a test opens
// (more browsers, a host page's server), all closed after the last test
// whether the tests passed or not. Call it once, at the top level of a spec.
//
// A spec's own preparation goes in `setup`, not in a `before` of its own:
// Node 20 runs the root's `before` hooks side by side, not one after the
// other, so a second hook could not count on the collector being there.
import { after, before } from 'node:test';

import { launchBrowser } from './browser.mjs';
import { startCollector } from './collector.mjs';

/**
 * Registers the `before` and `after` hooks of a spec file and returns the
 * object they fill in:
 * - `collector`: from `startCollector(collector)` (default: fresh SQLite, `--demo`);
 * - `browser`: one shared browser, unless `browser: false` (specs whose
 *   every visitor needs fresh storage); an object is its context options;
 * - `newBrowser(options)`: another browser (a new visitor or device),
 *   closed after the last test;
 * - `defer(close)`: runs `close()` after the last test, before the
 *   collector stops (e.g. a host page's server).
 * `setup(spec)` runs once all that is up, before the first test.
 * @param {{collector?: object, browser?: boolean | object, setup?: (spec: object) => Promise<void>}} [options]
 */
export function specFixture({ collector = {}, browser = true, setup } = {}) {
  const browsers = [];
  const deferred = [];
  const spec = {
    collector: undefined,
    browser: undefined,
    async newBrowser(options) {
      const opened = await launchBrowser(options);
      browsers.push(opened);
      return opened;
    },
    defer(close) {
      deferred.push(close);
    },
  };

  before(async () => {
    spec.collector = await startCollector(collector);
    if (browser) spec.browser = await spec.newBrowser(browser === true ? {} : browser);
    await setup?.(spec);
  });
  after(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    // Newest first: what was opened last may depend on what came before.
    // A failing close still lets the rest (and the collector) close.
    let failure;
    for (const close of deferred.reverse()) {
      try { await close(); } catch (error) { failure ??= error; }
    }
    await spec.collector?.stop();
    if (failure) throw failure;
  });
  return spec;
}
