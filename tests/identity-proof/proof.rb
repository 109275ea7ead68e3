# The identity proof in Ruby: hex HMAC-SHA256 of the user id, keyed with the
# project's `identity_secret` used as text (its characters' UTF-8 bytes, not
# hex-decoded). Your backend computes it; the page passes it to
# nps('identify', userId, traits, {signature: proof}).
#
#   ruby proof.rb IDENTITY_SECRET USER_ID
require 'openssl'

def identity_proof(secret, user_id)
  OpenSSL::HMAC.hexdigest('SHA256', secret, user_id)
end

puts identity_proof(ARGV[0], ARGV[1])
