package sts

import (
	"encoding/base64"
	"fmt"
	"io"
	"time"
)

// Credentials are temporary security credentials. The secret key and the
// session token are returned to the caller once, when they are issued.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time
}

const keyIDAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// Mint makes new temporary credentials from rand: an access key ID of
// "ASIA" and 16 characters of [A-Z2-7] (reference_identifiers.md), a
// 40-character secret and an opaque session token.
func Mint(rand io.Reader, expiration time.Time) (Credentials, error) {
	var b [16 + 30 + 96]byte
	if _, err := io.ReadFull(rand, b[:]); err != nil {
		return Credentials{}, fmt.Errorf("sts: reading randomness: %w", err)
	}
	id := make([]byte, 0, 20)
	id = append(id, "ASIA"...)
	for _, c := range b[:16] {
		id = append(id, keyIDAlphabet[c%32])
	}
	return Credentials{
		AccessKeyID:     string(id),
		SecretAccessKey: base64.StdEncoding.EncodeToString(b[16:46]),
		SessionToken:    "IQoJb3JpZ2luX2Vj" + base64.StdEncoding.EncodeToString(b[46:]),
		Expiration:      expiration,
	}, nil
}
