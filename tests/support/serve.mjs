// The collector launcher (collector.mjs) for shell scripts: the schema test
// and the load benchmark start their collector with this instead of their
// own `serve` line and polling loop. It prints `listening on URL` on stdout
// once the collector is bound (then `admin token TOKEN` if it made one up),
// and stops it on SIGTERM, SIGINT, or when its stdin closes: run as a bash
// `coproc`, it reads the script's end as the end of its stdin, so even a
// script that dies without cleaning up leaves no collector behind.
//
//   node tests/support/serve.mjs [--bin PATH] [--database-url URL]
//       [--admin-token TOKEN] [--no-demo] [--no-rate-limits] [-- SERVE-ARGS...]
//
// Defaults are the launcher's: NPS_COLLECTOR_BIN or the debug build, a fresh
// SQLite database in a temp dir (deleted on stop), `--demo`, rate limits on.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { startCollector } from './collector.mjs';

const { values, positionals } = parseArgs({
  options: {
    bin: { type: 'string' },
    'database-url': { type: 'string' },
    'admin-token': { type: 'string' },
    'no-demo': { type: 'boolean', default: false },
    'no-rate-limits': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

let collector;
try {
  collector = await startCollector({
    // Relative to where the script runs, not to the collector's cwd.
    bin: values.bin && resolve(values.bin),
    databaseUrl: values['database-url'],
    token: values['admin-token'],
    demo: !values['no-demo'],
    rateLimits: !values['no-rate-limits'],
    args: positionals,
  });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

console.log(`listening on ${collector.url}`);
if (!values['admin-token']) console.log(`admin token ${collector.token}`);

let stopping;
function stop() {
  stopping ??= collector.stop().finally(() => process.exit(0));
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.once('end', stop);
process.stdin.once('error', stop);
process.stdin.resume();
