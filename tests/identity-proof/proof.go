// The identity proof in Go: hex HMAC-SHA256 of the user id, keyed with the
// project's `identity_secret` used as text (its characters' UTF-8 bytes, not
// hex-decoded). Your backend computes it; the page passes it to
// nps('identify', userId, traits, {signature: proof}).
//
//	go run proof.go IDENTITY_SECRET USER_ID
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
)

func identityProof(secret, userID string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(userID))
	return hex.EncodeToString(mac.Sum(nil))
}

func main() {
	fmt.Println(identityProof(os.Args[1], os.Args[2]))
}
