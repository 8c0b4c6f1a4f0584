// Package account models one AWS account's IAM state — its root user,
// users, groups, roles, managed and inline policies, instance profiles,
// identity providers, MFA devices and credentials — and the rules of the
// IAM operations that change it, as the IAM User Guide and IAM's API model
// describe them.
//
// Authorization of the operations is not this package's business: it
// answers "what happens if this operation runs", not "may the caller run
// it". (Work in progress: the full description of the model follows.)
package account
