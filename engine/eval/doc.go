// Package eval decides whether a request is allowed, following AWS's
// documented policy evaluation logic, and explains the decision.
//
// # The logic
//
// For one request ([Request]: a principal, an action, a resource and its
// context keys) and the policies that apply to it ([Policies]), the decision
// is reached as the IAM User Guide describes it
// (reference_policies_evaluation-logic.md and
// reference_policies_evaluation-logic-cross-account.md):
//
//  1. An explicit Deny in any policy — SCP, RCP, resource-based,
//     identity-based, permissions boundary or session policy — denies.
//  2. Resource control policies: when the resource's account is governed by
//     RCPs, every level of the organization (root, OUs, account) must allow.
//  3. Service control policies: likewise for the principal's account.
//     Neither applies to service-linked roles; SCPs apply only to principals
//     with IAM identities (and the root user of member accounts).
//  4. Resource-based policies. Within one account, a grant that names the
//     caller itself — the IAM user's ARN, the role session's ARN, the
//     federated user's ARN — allows on its own; a grant to a role's ARN (for
//     its sessions), to the IAM user behind a federated user, or to "*" is
//     not limited by identity policies but is by a permissions boundary and
//     session policies; a grant to the account delegates to identity
//     policies. Across accounts, the resource policy must grant (to any of
//     those) and the caller's own side must allow too.
//  5. Identity-based policies must allow.
//  6. A permissions boundary, when present, must allow.
//  7. Session policies, when present, must allow. A federated user session
//     without a session policy has no permissions.
//
// The root user is not limited by identity policies in its own account, and
// callers without an IAM identity (anonymous, AWS services, web-identity and
// SAML callers) are allowed only by a resource-based policy.
//
// # Choices where the documentation is silent
//
//   - An organization level given with no policies imposes nothing, as if
//     AWS's default FullAWSAccess (or RCPFullAWSAccess) were attached.
//   - A resource-based grant to "*" is treated like a grant to a role's ARN:
//     identity policies need not allow, a boundary and session policies must.
//   - NotPrincipal with Deny exempts a caller only when every identity it
//     stands on is named: the account, and the role for a role session, and
//     the caller itself (reference_policies_elements_notprincipal.md).
//     Naming only the account exempts only the root user. NotPrincipal with
//     Allow applies to every caller that none of its entries names.
//   - A policy variable in a Resource or NotResource ARN before the fifth
//     colon — in the partition, service, Region or account — is not
//     substituted: AWS allows variables only in the resource part
//     (reference_policies_variables.md, "Resource element") and does not
//     say what it does with one elsewhere. The fail-safe reading is taken:
//     the text is literal ([arn.CompileResource]), so
//     "arn:aws:iam::${aws:PrincipalAccount}:role/x" matches no real ARN (and
//     in NotResource excludes none).
//   - A policy variable in a condition value of an operator other than
//     String and ARN (Numeric, Date, Bool, IP address, Binary, Null) is
//     literal text too, which no request value equals (package condition).
//
// # Plugin operators fail closed
//
// A condition may use an operator from a plugin ("Plugin:CidrOverlaps"; see
// package condition). A plugin can fail: it returns an error, traps, runs
// out of memory or out of time. When that happens on a statement that
// otherwise applies — its action, resource and principal match and every
// other condition holds — the statement counts as an explicit Deny,
// whatever its Effect, and the request is denied with
// [ReasonOperatorFailed]. Treating the failure as "the condition is false"
// would be wrong both ways: for an Allow it would quietly drop a grant, and
// for a Deny it would turn the Deny into an Allow. A statement that does
// not apply for another reason is unaffected, and so is the decision when a
// Deny applies anyway (then [ReasonExplicitDeny] decides). The explanation
// names the statement, the operator, the condition key and the error
// ([StatementTrace].Error), and lists the failed statements among those
// that decided.
//
// # Fast path and explanations
//
// [Evaluate] returns the [Decision] alone and allocates nothing (a plugin
// operator may allocate in its own code). [Explain]
// runs the same code with a recording [Tracer] and returns an
// [Explanation]: the verdict of each policy type, every statement with why it
// did or did not apply, the statements that decided, and the context keys the
// policies read but the request lacked. A custom Tracer receives the same
// typed [Step]s.
package eval
