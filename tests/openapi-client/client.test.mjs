// Typed clients from the OpenAPI document. A customer generates TypeScript
// types from the collector's `GET /api/v1/openapi.json` with a standard
// generator (openapi-typescript) and writes a client against them. A
// document that validates can still describe the wrong shapes; this catches
// it three ways:
// - client.ts, which calls stats, the trend, the feed and the CSV export and
//   reads what the dashboard reads, must type-check (`tsc --noEmit
//   --strict`) against the generated types;
// - run against a collector with answers, it must read real values;
// - what the collector really answered, written out as TypeScript values of
//   the generated types, must type-check too: every field it sends is
//   declared, with its type, and every required one is sent.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { build } from 'esbuild';
import openapiTS, { astToString } from 'openapi-typescript';

import { adminPost } from '../support/api.mjs';
import { seedAnswers } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';
import { typeCheck as tsc } from '../support/typescript.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PROJECT = 'typed';
const ANSWERS = [
  { score: 10, comment: 'The weekly report saves me an hour' },
  { score: 9, comment: 'Fast and clear' },
  { score: 7 },
  { score: 3, comment: 'Export to CSV is hidden' },
];

let work;
let admin;
specFixture({
  browser: false,
  async setup({ collector, defer }) {
    work = await mkdtemp(join(tmpdir(), 'nps-openapi-client-'));
    defer(() => rm(work, { recursive: true, force: true }));
    admin = { base: collector.url, token: collector.token };

    await adminPost(collector, '/api/v1/projects', { key: PROJECT, name: 'Typed client', moments: ['report_exported'] });
    await seedAnswers(collector, ANSWERS.map((a) => ({ ...a, key: PROJECT, moment: 'report_exported', traits: { plan: 'pro' } })));

    // The document as a client's build would fetch it, and the generator.
    const document = await (await fetch(`${collector.url}/api/v1/openapi.json`)).json();
    await writeFile(join(work, 'api.d.ts'), astToString(await openapiTS(document)));
    for (const file of ['client.ts', 'export-jsonl.ts']) await copyFile(join(HERE, file), join(work, file));
  },
});

/** `tsc --noEmit --strict` on `files` of the work folder. */
function typeCheck(files) {
  return tsc(work, files);
}

test('a client of stats, trend, feed and export type-checks with tsc --strict against the generated types', async () => {
  const { code, output } = await typeCheck(['client.ts']);
  assert.equal(code, 0, `client.ts does not type-check against the document's types:\n${output}`);
});

let overview;
test('the typed client, run against the collector, reads the score, its interval, the weeks, the comments and the CSV', async () => {
  const bundle = join(work, 'client.mjs');
  await build({ entryPoints: [join(work, 'client.ts')], outfile: bundle, format: 'esm', platform: 'node', logLevel: 'silent' });
  const client = await import(pathToFileURL(bundle).href);
  overview = await client.overview(admin, PROJECT);

  // 2 promoters, 1 passive, 1 detractor: NPS 25.
  assert.equal(overview.nps, 25);
  assert.equal(overview.responses, 4);
  assert.ok(overview.band && overview.band[0] < 25 && overview.band[1] > 25, `an interval around the score: ${overview.band}`);
  assert.equal(overview.provisional, true, 'four answers are too few to read as a number');
  assert.ok(overview.reading.length > 0, 'the score in words');
  assert.equal(overview.distribution.length, 11);
  assert.ok(overview.weeks.length >= 1, 'at least this week');
  const week = overview.weeks.at(-1);
  assert.match(week.start, /^\d{4}-\d{2}-\d{2}T00:00:00([+-]\d{2}:\d{2}|Z)$/, 'a week starts at midnight, RFC 3339');
  assert.equal(week.responses, 4);
  assert.deepEqual(overview.comments.map((c) => c.comment).sort(),
    ANSWERS.filter((a) => a.comment).map((a) => a.comment).sort(), 'the feed with comments only');
  assert.ok(overview.comments.every((c) => ['promoter', 'passive', 'detractor'].includes(c.category)));
  assert.equal(overview.nextCursor, null, 'one page');
  assert.match(overview.csvHeader, /^id,created_at,score,category,comment,/);
});

test('what the collector answers for stats, trend and feed type-checks as the generated types (every field declared, none missing)', async () => {
  const q = `project=${PROJECT}`;
  const answers = {
    Stats: `/api/v1/stats?${q}`,
    Trend: `/api/v1/stats/trend?${q}&interval=week`,
    Feed: `/api/v1/responses?${q}&limit=5`,
  };
  const bodies = {};
  for (const [type, path] of Object.entries(answers)) {
    const response = await fetch(`${admin.base}${path}`, { headers: { Authorization: `Bearer ${admin.token}` } });
    assert.equal(response.status, 200, path);
    bodies[type] = await response.json();
  }
  // `satisfies` checks each literal as it is: every required field there,
  // no field the type lacks, each value of its type.
  const check = async (file, values) => {
    const lines = Object.entries(values).map(([type, body]) =>
      `export const ${type.toLowerCase()} = ${JSON.stringify(body, null, 1)} satisfies ${type};`);
    await writeFile(join(work, file), `import type { Feed, Stats, Trend } from './client';\n${lines.join('\n')}\n`);
    return typeCheck([file]);
  };
  const { code, output } = await check('answers.ts', bodies);
  assert.equal(code, 0, `the collector's answers do not match its document:\n${output}`);

  // The check bites: a field the document does not declare fails it.
  const undeclared = await check('undeclared.ts', { Stats: { ...bodies.Stats, undeclared_field: 1 } });
  assert.notEqual(undeclared.code, 0, 'a field missing from the document must fail the check');
});

test('the JSON lines export (format=jsonl) is typed by the document', async () => {
  const { code, output } = await typeCheck(['export-jsonl.ts']);
  assert.equal(code, 0, `export-jsonl.ts does not type-check against the document's types:\n${output}`);
});
