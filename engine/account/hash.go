package account

import (
	"crypto/subtle"
	"encoding/base64"
	"io"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// hashParams are the Argon2id parameters of new password hashes. Each hash
// records its own, so verifying does not depend on them.
type hashParams struct {
	memory  uint32 // KiB
	time    uint32 // passes
	threads uint8
	saltLen int
	keyLen  uint32
}

// productionHash follows OWASP's Password Storage Cheat Sheet for
// Argon2id: 19 MiB of memory, 2 passes, 1 thread, a 16-byte salt, a
// 32-byte key.
func productionHash() hashParams {
	return hashParams{memory: 19 * 1024, time: 2, threads: 1, saltLen: 16, keyLen: 32}
}

// hashPassword hashes a password with Argon2id and a salt drawn from r,
// in the PHC string format: $argon2id$v=19$m=…,t=…,p=…$salt$key.
func hashPassword(p hashParams, password string, r io.Reader) (string, error) {
	salt := make([]byte, p.saltLen)
	if _, err := io.ReadFull(r, salt); err != nil {
		return "", &Error{Code: ErrServiceFailure, Message: "the source of randomness failed: " + err.Error(), Err: err}
	}
	key := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, p.keyLen)
	enc := base64.RawStdEncoding
	return "$argon2id$v=" + strconv.Itoa(argon2.Version) +
		"$m=" + strconv.FormatUint(uint64(p.memory), 10) +
		",t=" + strconv.FormatUint(uint64(p.time), 10) +
		",p=" + strconv.FormatUint(uint64(p.threads), 10) +
		"$" + enc.EncodeToString(salt) + "$" + enc.EncodeToString(key), nil
}

// checkHash reports whether password matches a hash made by hashPassword,
// comparing the keys in constant time. A hash it cannot read matches
// nothing.
func checkHash(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return false
	}
	var m, t, p uint64
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return false
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return false
		}
		switch k {
		case "m":
			m = n
		case "t":
			t = n
		case "p":
			p = n
		default:
			return false
		}
	}
	// Bounds keep a damaged hash from asking for absurd work.
	if m < 8 || m > 1<<21 || t < 1 || t > 16 || p < 1 || p > 255 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	key, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) < 16 || len(key) > 64 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, uint32(t), uint32(m), uint8(p), uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}
