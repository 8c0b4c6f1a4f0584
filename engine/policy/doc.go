// Package policy parses and validates AWS policy documents — identity-based
// policies, resource-based policies, role trust policies, permissions
// boundaries, session policies, service control policies (SCPs) and resource
// control policies (RCPs) — and compiles them into matchers the evaluator can
// run many times without allocating.
//
// # Parsing
//
// [Parse] accepts documents as IAM does: Version 2012-10-17 or 2008-10-17 (or
// none, which behaves as 2008-10-17: policy variables are plain text), an
// optional Id, and Statement as one object or an array. Each statement has
// Effect, one of Action/NotAction, one of Resource/NotResource (except in
// trust policies), Principal/NotPrincipal where the policy [Type] allows it,
// and an optional Condition. Element names are case-sensitive, as IAM's
// grammar (reference_policies_grammar.md) has them.
//
// Problems come back as an [ErrorList] of [*Error]s sorted by position, each
// naming the source, the line and column, the JSON path and what is wrong:
//
//	policy.json:7:15 Statement[1].Effect: must be "Allow" or "Deny", got "allow"
//
// Parse returns the document it could build alongside the errors; a document
// with errors must not be evaluated, and the evaluator never sees one.
//
// # Plugin operators
//
// A condition may use a plugin operator, "Plugin:CidrOverlaps", only when
// [Options].Operators provides it (see package condition). Without a
// registry, or when the registry lacks the name, the operator is unknown
// and the document is malformed, with the error at the operator's name, as
// for a misspelt AWS operator. A plugin that checks policy values refuses a
// bad one here, with the error at that value.
//
// # Size
//
// [Document.Size] is the document's length as IAM counts it against its
// quotas: characters, not counting white space between JSON tokens. White
// space inside strings counts (it is part of the policy); IAM's quota page
// (reference_iam-quotas.md) says only that white space is not counted, and
// this is our reading of it.
package policy
