// The comments page's "Download CSV" gives the whole filtered set (here
// every answer: the page lists only answers with a comment until that box
// is unticked), as a browser downloads it (the browser asks for gzip and br: the export once
// came back truncated through the compression layer), and the file parses
// as CSV with every answer, quotes, commas and line breaks intact.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { openWithToken, seedAnswers } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

/** More than one page of the export (1,000 rows a page). */
const ANSWERS = 1_050;

const spec = specFixture({
  // A thousand answers from one address in a few seconds.
  collector: { rateLimits: false },
  async setup({ collector }) {
    const answers = [
      { score: 2, comment: 'Slow, "very" slow\nand buggy' },
      { score: 10, comment: '=SUM(A1)' },
    ];
    for (let i = answers.length; i < ANSWERS; i += 1) answers.push({ score: i % 11 });
    await seedAnswers(collector, answers);
  },
});

/** RFC 4180: fields in double quotes may hold commas, quotes ("") and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

test('the CSV downloaded from the dashboard holds every answer and parses', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/comments?project=demo');
  await page.getByRole('checkbox', { name: 'Only answers with a comment' }).uncheck();
  await page.getByRole('button', { name: 'Search the comments' }).click();
  await page.waitForURL(/has_comment=any/);
  const link = page.getByRole('link', { name: 'Download CSV' });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.match(download.suggestedFilename(), /^nps-demo\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  const [header, ...rows] = parseCsv(text);

  assert.deepEqual(header.slice(0, 3), ['id', 'created_at', 'score']);
  assert.equal(rows.length, ANSWERS, 'every answer, past the first page');
  const comment = header.indexOf('comment');
  assert.ok(comment >= 0, `a comment column in ${header}`);
  const comments = rows.map((r) => r[comment]);
  assert.ok(comments.includes('Slow, "very" slow\nand buggy'), 'quotes, comma and line break kept');
  assert.ok(comments.includes("'=SUM(A1)"), 'a formula is neutralised');
  for (const r of rows) assert.equal(r.length, header.length, `a full row: ${r}`);
  await page.close();
});
