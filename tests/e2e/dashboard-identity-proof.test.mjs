// The comments feed says when an answer's identity proof failed: the page
// sent a user id its project could not verify, so the collector kept the
// answer without it, and the dashboard says "identity proof failed —
// stored as anonymous" rather than a plain "anonymous". The unproven user
// id itself is shown nowhere: it was never stored.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';

import { adminPost, eventually, responses } from '../support/api.mjs';
import { openWithToken, seedAnswers, seriousViolations } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

const FAILED = 'identity proof failed — stored as anonymous';

const spec = specFixture({
  async setup({ collector }) {
    const project = await adminPost(collector, '/api/v1/projects', { key: 'secure', name: 'Secure', verify_identity: true });
    // What the host's backend computes: the hex HMAC-SHA256 of the user id,
    // keyed with the project's identity secret as text.
    const proof = (user) => createHmac('sha256', project.identity_secret).update(user).digest('hex');
    await seedAnswers(collector, [
      { key: 'secure', score: 9, comment: 'Signed by its own user', userId: 'u-7', userHash: proof('u-7') },
      { key: 'secure', score: 3, comment: 'Signed for somebody else', userId: 'u-9', userHash: proof('u-8') },
      { key: 'secure', score: 6, comment: 'Sent without a user' },
    ]);
    await eventually(() => responses(collector, 'secure'), {
      until: (list) => list.length === 3,
      what: 'the three answers to be stored',
    });
  },
});

test('an answer whose identity proof failed says so in the comments feed', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/comments?project=secure');
  const item = (comment) => page.getByRole('listitem').filter({ hasText: comment });

  await item('Signed for somebody else').getByText(FAILED).waitFor();
  await item('Signed by its own user').getByText('User u-7').waitFor();
  await item('Sent without a user').getByText('anonymous').waitFor();
  assert.equal(await item('Sent without a user').getByText(FAILED).count(), 0, 'a plainly anonymous answer is not flagged');
  assert.equal(await item('Signed by its own user').getByText(FAILED).count(), 0, 'a proven answer is not flagged');
  assert.equal(await page.getByText('u-9').count(), 0, 'the unproven user id is shown nowhere');
  assert.deepEqual(await seriousViolations(page), []);
  await page.close();
});
