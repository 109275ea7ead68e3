// The identity-proof samples of the README, each run as a host app's
// backend would run it, against the real collector: the proof each one
// prints for a project's `identity_secret` and a user id must make the
// collector keep that user id on the answer (the proof was accepted), and
// a wrong proof must not (the answer is kept, anonymous, flagged
// `identity_unverified`). A proof keyed with the secret hex-decoded to
// bytes, the usual mistake, is one of the wrong ones.
//
//   node --test tests/identity-proof/
//
// Needs node, python3, ruby and go on PATH (tests/support/ensure-proof-
// languages.sh installs the last two) and a collector binary
// (target/debug/nps-collector or NPS_COLLECTOR_BIN).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { adminGet, adminPost } from '../support/api.mjs';
import { startCollector } from '../support/collector.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

/** Each sample, as the command that prints a proof for `secret` and `userId`. */
const SAMPLES = {
  node: ['node', ['proof.mjs']],
  python: ['python3', ['proof.py']],
  ruby: ['ruby', ['proof.rb']],
  go: ['go', ['run', 'proof.go']],
};

// `go run` needs a build cache; a CI environment may give it no home.
const env = { ...process.env };
if (!env.GOCACHE && !env.HOME && !env.XDG_CACHE_HOME) env.GOCACHE = join(tmpdir(), 'nps-go-cache');

async function proofFrom(language, secret, userId) {
  const [command, args] = SAMPLES[language];
  const { stdout } = await run(command, [...args, secret, userId], { cwd: HERE, env, timeout: 120_000 });
  return stdout.trim();
}

let collector;
let project;

before(async () => {
  collector = await startCollector({ demo: false });
  project = await adminPost(collector, '/api/v1/projects', {
    key: 'proof',
    name: 'Identity proof samples',
    moments: ['onboarding_completed'],
  });
});

after(async () => {
  await collector?.stop();
});

/** Posts a score for `userId` with `proof`; resolves to the stored answer. */
async function answerAs(userId, proof) {
  const id = randomUUID();
  const response = await fetch(`${collector.url}/api/v1/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, key: project.key, score: 9, user_id: userId, user_hash: proof }),
  });
  assert.equal(response.status, 201, `the answer is stored: ${await response.text()}`);
  const page = await adminGet(collector, `/api/v1/responses?project=${project.key}&limit=50`);
  const stored = page.items.find((item) => item.id === id);
  assert.ok(stored, `answer ${id} is in the feed`);
  return stored;
}

test('a new project verifies identities and shows its secret to the admin who made it', () => {
  assert.match(project.identity_secret, /^[0-9a-f]{64}$/, 'the secret is 64 hex characters');
});

for (const language of Object.keys(SAMPLES)) {
  test(`the ${language} sample's proof is accepted: the answer keeps its user id`, async () => {
    const userId = `${language}-zoë-42@example.com`;
    const proof = await proofFrom(language, project.identity_secret, userId);
    assert.match(proof, /^[0-9a-f]{64}$/, `${language} prints 64 lower-case hex characters`);

    const stored = await answerAs(userId, proof);

    assert.equal(stored.user_id, userId, `${language}: the collector kept the user id`);
    assert.equal(stored.identity_unverified, false, `${language}: the proof was accepted`);
  });
}

test('the four samples agree with each other and with a known HMAC-SHA256 vector', async () => {
  const vector = 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8';
  for (const language of Object.keys(SAMPLES)) {
    assert.equal(await proofFrom(language, 'key', 'The quick brown fox jumps over the lazy dog'), vector, language);
  }
});

test('a wrong proof is not accepted: the answer is kept without its user id, flagged unverified', async () => {
  const userId = 'wrong-proof-user';
  const secretAsBytes = Buffer.from(project.identity_secret, 'hex');
  const wrong = {
    'keyed with the secret hex-decoded to bytes': createHmac('sha256', secretAsBytes).update(userId).digest('hex'),
    "another user's proof": await proofFrom('node', project.identity_secret, 'someone-else'),
  };
  for (const [what, proof] of Object.entries(wrong)) {
    const stored = await answerAs(userId, proof);
    assert.equal(stored.user_id, null, `${what}: no user id is kept`);
    assert.equal(stored.identity_unverified, true, `${what}: flagged identity_unverified`);
  }
});

test('a proof that is not hex (base64, say) is refused outright: 422 invalid_user_hash', async () => {
  const userId = 'base64-proof-user';
  const base64 = createHmac('sha256', project.identity_secret).update(userId).digest('base64');
  const response = await fetch(`${collector.url}/api/v1/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: randomUUID(), key: project.key, score: 9, user_id: userId, user_hash: base64 }),
  });
  assert.equal(response.status, 422);
  assert.equal((await response.json()).code, 'invalid_user_hash');
});
