// Package org models an AWS Organizations organization as far as
// authorization needs it: the organization (o-…), its root (r-…),
// organizational units (ou-…) nested at most five deep, the accounts placed
// in the root or an OU, the management account, and the service control
// policies (SCPs) and resource control policies (RCPs) attached to the
// root, OUs and accounts.
//
// # The model
//
// [New] creates an [Organization] around its management account, with IDs
// drawn from the injected [Env] (so tests repeat). Operations take AWS's
// names and fields (CreateOrganizationalUnit, AttachPolicy,
// DetachPolicy …); [Organization.AddAccount] stands for inviting or
// creating an account. Every new node — the root, an OU, an account — gets
// the AWS managed FullAWSAccess SCP and RCPFullAWSAccess RCP attached.
// A failed operation changes nothing; [Organization.Clone] makes a deep
// copy. An Organization is not safe for concurrent use.
//
// [Organization.Levels] is what the evaluator needs: for a member account,
// one [eval.Level] per node from the root through its OUs to the account,
// each with the SCPs (or RCPs) attached there, in attachment order.
// SCPs and RCPs do not apply to the management account
// (access_policies_access-advisor-view-data-orgs.md: "The management
// account is not limited by SCPs"), nor outside the organization: for
// those, ok is false.
//
// Policies are parsed by engine/policy as [policy.SCP] or [policy.RCP]
// documents, so an SCP may not name a Principal and an RCP must name "*".
//
// # Errors
//
// Every error is an [*Error] with an Organizations exception name as its
// [Code] (PolicyNotFoundException, DuplicatePolicyAttachmentException,
// ConstraintViolationException …), the reason of a
// ConstraintViolationException (OU_DEPTH_LIMIT_EXCEEDED,
// MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED,
// MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED,
// POLICY_CONTENT_LIMIT_EXCEEDED …), and a message.
//
// # Choices where the documentation is silent
//
//   - IDs: o- and 10, r- and 4, p- and 8 characters of [a-z0-9], and OUs
//     ou-ROOT-8 (ROOT being the root ID's four characters), drawn by
//     rejection sampling so that each character is equally likely. The AWS
//     managed policies have AWS's IDs, p-FullAWSAccess and
//     p-RCPFullAWSAccess.
//   - A root, OU or account keeps at least one SCP: detaching the last is
//     MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED. RCPFullAWSAccess cannot be
//     detached at all (the same reason), as Organizations has it: RCPs can
//     only restrict, below it. At most five policies of each type attach to
//     one target (MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED).
//   - A policy document is at most 5,120 characters, white space counted:
//     Organizations keeps documents as given.
//   - Policy names are unique among the policies of their type; OU names
//     among the OU's siblings.
//   - AWS managed policies cannot be updated or deleted
//     (AccessDeniedException). A policy still attached cannot be deleted
//     (PolicyInUseException).
//   - Removing an account drops its attachments; the management account
//     cannot leave (MasterCannotLeaveOrganizationException).
//   - Levels names each level by its node's ID (r-…, ou-…, the account ID)
//     and each policy by its name, with Source "none", as IAM's simulator
//     reports organization policies.
package org
