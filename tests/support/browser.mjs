// Launches the system Chromium (Debian's /usr/bin/chromium) through
// playwright-core. Never downloads a browser. Each call is an independent
// browser with its own fresh profile, so two calls give two "different
// visitors" (separate localStorage).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium floods a closed network with refused connections.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @param {import('playwright-core').BrowserContextOptions} options e.g. `{ locale: 'fr-FR' }`
 * @returns {Promise<{context: import('playwright-core').BrowserContext, newPage: () => Promise<import('playwright-core').Page>, close: () => Promise<void>}>}
 */
export async function launchBrowser(options = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'nps-e2e-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
      ...options,
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(10_000);
  context.on('page', watch);
  context.pages().forEach(watch);

  return {
    context,
    /** A page; reuses the blank tab a persistent context opens with. */
    async newPage() {
      const blank = context.pages().find((p) => p.url() === 'about:blank' && !p.used);
      const page = blank ?? (await context.newPage());
      page.used = true;
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Page errors always surface; console output only with TEST_LOG. */
function watch(page) {
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${page.url()}: ${error.message}\n`));
  if (process.env.TEST_LOG) {
    page.on('console', (msg) => process.stderr.write(`[console.${msg.type()}] ${msg.text()}\n`));
  }
}
