// The identity proof in Node: hex HMAC-SHA256 of the user id, keyed with
// the project's `identity_secret` used as text (its characters' UTF-8
// bytes, not hex-decoded). Your backend computes it; the page passes it to
// nps('identify', userId, traits, {signature: proof}).
//
//   node proof.mjs IDENTITY_SECRET USER_ID
import { createHmac } from 'node:crypto';

export function identityProof(secret, userId) {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

const [secret, userId] = process.argv.slice(2);
console.log(identityProof(secret, userId));
