"""The identity proof in Python: hex HMAC-SHA256 of the user id, keyed with
the project's `identity_secret` used as text (its characters' UTF-8 bytes,
not hex-decoded). Your backend computes it; the page passes it to
nps('identify', userId, traits, {signature: proof}).

    python3 proof.py IDENTITY_SECRET USER_ID
"""
import hashlib
import hmac
import sys


def identity_proof(secret: str, user_id: str) -> str:
    return hmac.new(secret.encode(), user_id.encode(), hashlib.sha256).hexdigest()


if __name__ == "__main__":
    print(identity_proof(sys.argv[1], sys.argv[2]))
