// Package federation simulates the identity providers behind
// AssumeRoleWithWebIdentity and AssumeRoleWithSAML: it checks the token or
// assertion a caller presents against the provider registered in the
// account, and turns what the provider asserts into typed data and the
// condition context keys AWS sets.
//
// (Work in progress: SAML and the full documentation follow.)
package federation
