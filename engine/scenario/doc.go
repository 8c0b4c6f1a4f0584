// Package scenario is iamlab's scenario language: a small, line-oriented
// language that drives the whole simulated cloud (package cloud) — it
// builds accounts and an organization, creates users, groups, roles and
// policies, mints credentials and MFA codes, moves a simulated clock, calls
// STS as a principal, makes requests as a principal in a region, cuts
// regions off, and states what it expects. Running a scenario prints a
// transcript that is the same byte for byte on every run and every
// platform, so transcripts serve as golden files (package golden).
//
//	account 111122223333 alias "prod"
//	group devs
//	user alice path /eng/ in group devs
//	key alice
//	policy ReadLogs = file "policies/read-logs.json"
//	attach ReadLogs to group devs
//	expect allow as alice: s3:GetObject on arn:aws:s3:::logs/2026/01.txt
//	expect deny as alice: iam:CreateUser on arn:aws:iam::111122223333:user/bob
//
// [Parse] reads a scenario into a [File] (participle parses each line; the
// struct tags of ast.go are the grammar), [Format] prints it canonically,
// [Run] runs it and writes the transcript. content/scenario-language.md is
// the reference for people; this comment is the reference for Go.
//
// # Lexical structure
//
// A statement is one line. A JSON block ({ … }) is one token however many
// lines it spans; a backslash at the end of a line continues the statement.
// # starts a comment, at the start of a token. A value is a word — any run
// of characters but white space, quotes, braces, = , ( ) — or a Go-syntax
// "string". A colon ends a word only before white space, so ARNs and
// actions (arn:aws:s3:::b/k, s3:GetObject) stay whole and "as alice:" still
// splits. Keywords are lower case.
//
// # Who runs a statement
//
// A statement without "as" is the scenario's operator setting the world
// up: IAM changes go straight to IAM's control plane, without
// authorization, and reach each region after the propagation delay. With
// "as PRINCIPAL [in REGION]" the statement is a request of that principal,
// authenticated and authorized by the cloud (Cloud.IAM for IAM operations,
// the STS operations for STS calls). A principal is a user with an access
// key the scenario created (alice, or alice#2 for its second key), root
// (root#2 signs with the root user's second key made by key root), either
// of them "of" another account (alice of dev), or "session NAME".
// The region defaults to the one set with region (us-east-1 at first);
// "global" names STS's global endpoint.
//
// # Settings (before any other statement)
//
//	start 2026-03-31T23:59:00Z   the clock's first instant (default 2026-01-01T09:00:00Z)
//	seed 7                       the seed of every ID, key and secret (default 1)
//	propagation 5s               how long IAM changes take to reach the regions
//	propagation 10s to ap-southeast-2
//
// # The world
//
//	account 111122223333 alias "prod"             create an account; it becomes the current one
//	account 444455556666 alias "dev" in ou Sandbox   … and place it in the organization
//	account 444455556666 in organization          … at the root
//	use dev                                       make another account current (ID or alias)
//	organization                                  create the organization, managed by the current account
//	ou Sandbox [under Parent]                     create an OU
//	move dev to ou Sandbox                        move an account (to root, ou NAME)
//	scp DenyEC2 = {…}                             create an SCP (rcp NAME = {…} for an RCP)
//	attach DenyEC2 to ou Sandbox                  attach an SCP or RCP (to root, ou NAME, account ID)
//	detach FullAWSAccess from ou Sandbox
//	region eu-west-1                              where requests go when they name no region
//	clock +30s                                    move the clock (+DURATION, or an RFC 3339 instant)
//	partition eu-west-1 [ap-southeast-2 …]        cut regions off from the others
//	heal [eu-west-1 …]                            reconnect them (all when none is named)
//	status                                        print every region's replication state
//	resource arn:aws:s3:::logs [owner prod] [tags k=v] policy {…}   a resource-based policy
//	sts eu-west-1 inactive                        deactivate (or activate) STS in a region
//	sts global-tokens v2                          global-endpoint tokens valid in every region
//	quota AccessKeysPerUser 1                     change one of the current account's quotas
//	plugin cidr from "plugins/cidr.wasm"          load a condition-operator plugin (Options.Plugin)
//	import "snapshot.json"                        load an account snapshot into the current account (Options.ReadFile)
//
// # Identity providers
//
//	idp oidc github "https://token.actions.githubusercontent.com"   a simulated OIDC issuer
//	idp saml corp-idp "https://idp.example.com/saml"                a simulated SAML IdP
//	provider oidc github [audience sts.amazonaws.com, …]            CreateOpenIDConnectProvider
//	provider saml corp from corp-idp                                CreateSAMLProvider
//	token main from github {"sub": "repo:octo/app:ref:refs/heads/main", "aud": "sts.amazonaws.com"}
//	assertion jdoe from corp-idp {"Subject": "jdoe@example.com", "Roles": ["Engineers,corp"], "RoleSessionName": "jdoe"}
//
// A token takes its claims as JSON (iat and exp default to now and an hour
// later); an assertion takes federation.AssertionInput's fields, and a role
// pair written as "Role,provider" names a role and a SAML provider of the
// current account.
//
// # IAM operations (as the operator, or "as PRINCIPAL")
//
//	user alice [path /eng/] [in group devs, ops] [boundary P] [tags k=v, …]
//	group devs [path /teams/]
//	role Admin trust {…} [path P] [max-session 12h] [boundary P] [description "…"] [tags k=v]
//	policy ReadLogs [path P] = {…}                 CreatePolicy (or = file "policies/x.json")
//	policy ReadLogs version = {…} [default]        CreatePolicyVersion
//	policy ReadLogs default v1                     SetDefaultPolicyVersion
//	inline NAME on user|group|role NAME = {…}      Put…Policy
//	attach POLICY to user|group|role NAME          Attach…Policy (a name, an ARN, or an AWS managed policy's name)
//	attach arn:aws:iam::aws:policy/ReadOnlyAccess to user alice   an AWS managed policy, AWS's current document (package catalog)
//	detach POLICY from user|group|role NAME
//	boundary POLICY on user|role NAME              Put…PermissionsBoundary (POLICY none deletes it)
//	add alice to group devs                        AddUserToGroup (remove alice from group devs)
//	key alice                                      CreateAccessKey: prints the secret once (key root: the root user's)
//	key alice inactive|active|delete               on the user's latest key (alice#1: its first; root#1 likewise)
//	key-last-used alice#1                          GetAccessKeyLastUsed: when, service, region
//	login alice password "…" [reset-required]      CreateLoginProfile (login root password "…" sets root's)
//	update login alice [password "…"] [reset-required|no-reset-required]   UpdateLoginProfile
//	as alice change password "OLD" to "NEW"        ChangePassword, by the user itself
//	password-policy {"MinimumPasswordLength": 14, …}
//	ssh-key alice upload "ssh-rsa …"|file "P"       UploadSSHPublicKey (ssh-key alice#1 active|inactive|delete)
//	signing-cert alice upload "PEM"|file "P"        UploadSigningCertificate (signing-cert alice#1 active|inactive|delete)
//	service-linked-role autoscaling.amazonaws.com [suffix S] [description "…"]   CreateServiceLinkedRole
//	service-linked-role delete ROLE                DeleteServiceLinkedRole, and the task's status
//	service-linked-role in-use ROLE [RES, …]       the operator, as the service: resources still using it
//	mfa alice virtual [device NAME] [codes C1 C2]  CreateVirtualMFADevice, then EnableMFADevice
//	mfa alice resync codes C1 C2 [device D]        ResyncMFADevice
//	mfa alice deactivate [device D]                DeactivateMFADevice
//	mfa alice delete [device D]                    DeleteVirtualMFADevice
//	tag user|role NAME k=v, …
//	trust Admin = {…}                              UpdateAssumeRolePolicy
//	delete user|group|role|profile|login NAME
//	delete policy NAME [version v2]
//	delete inline NAME from user|group|role NAME
//	profile WebServer role WebServer               an instance profile holding a role
//	revoke sessions Admin                          revoke the role's sessions issued before now
//
// mfa prints the device's seed once, as AWS does, and enables the device
// with the authenticator's last two codes (the second one now) unless
// codes are given. An MFA code is a literal ("123456") or totp(DEVICE
// [, OFFSET]): the code that the device shows at the simulated time plus
// OFFSET (+5m, -30s). DEVICE is mfa/NAME (the device of that name), a
// serial (arn:aws:iam::ACCOUNT:mfa/NAME), or a user's name: its newest
// device, else the device of that name. "device D" in an mfa statement or
// a "with mfa" clause is a device's name, mfa/NAME or a serial (with mfa
// also takes a user's name: its newest device); without it, the user's
// newest device — except for signin, which then takes a code from any of
// the user's devices, and with it only D's (cloud.SignInInput.MFASerial).
//
// An AWS managed policy named by attach or boundary (by ARN, or by a name
// the scenario gave no policy of its own) is registered in the account from
// package catalog when first used, as part of that operation. import reads
// the JSON of aws iam get-account-authorization-details, as account.Import
// does; the snapshot's ARNs must name the current account, and it must not
// name a user, group, role or customer managed policy the account already
// has. Its customer managed policies are then named by their names.
//
// # STS and sign-in
//
//	as alice assume role Admin session s1 [external-id X] [duration 1h] [policy {…}]
//	    [policy-arns P, …] [tags k=v, …] [transitive k, …] [source-identity X] [with mfa [device D] code CODE]
//	assume role Deploy session gha-42 with web-identity TOKEN     AssumeRoleWithWebIdentity
//	assume role Engineers with saml ASSERTION via PROVIDER [session NAME]   AssumeRoleWithSAML
//	    (both take [duration D] [policy {…}] [policy-arns P, …], and no other clause)
//	as alice get session-token session s2 [duration 12h] [with mfa code CODE]
//	as broker get federation-token carol [policy {…}] [policy-arns …] [tags …] [duration …]
//	as session s1 get caller-identity
//	signin alice password "…" [in REGION] [session NAME] [with mfa [device D] code CODE]
//	as dev launch instance web-1 profile WebServer  RunInstances; the instance's credentials are session web-1
//
// Every call that yields credentials keeps them as a session, named by
// its session clause (or the federated user's name, the SAML session
// name, the instance's name, USER-console for a sign-in).
//
// # Requests, expectations and explanations
//
//	as alice [in eu-west-1]: s3:GetObject on arn:aws:s3:::logs/a.txt [owner ACCOUNT] [from 203.0.113.7]
//	    [insecure] [tags k=v, …] [resource-tags k=v, …] [context {"s3:prefix": "home/"}]
//	expect allow|deny|implicitDeny|explicitDeny|ok STATEMENT
//	expect error CODE STATEMENT
//	explain [STATEMENT]
//
// A request prints its decision and the evaluator's one-line reason. For a
// request, allow and deny compare the decision; for any other statement
// allow and ok mean it succeeded and deny means it failed with
// AccessDenied; error CODE wants that AWS error code. A failed expectation
// prints FAILED with its position and what happened instead, and makes
// [Result.OK] false (iamlab run then exits 1). explain prints the full
// trace (eval.Explanation.WriteText) of the statement's decision, or of the
// last decision — a request's, or the authorization of the last operation.
//
// # The transcript
//
// Each statement is echoed after "> " on one line, canonically formatted
// with long JSON blocks shortened to {…}; what it did follows, indented two
// spaces: the ARNs and IDs it created, the decision of a request, "error
// CODE: message" for an AWS error, "error: …" with a position for a
// mistake in the scenario, and an explanation's lines after "| ". The last
// line counts statements and expectations. Nothing depends on the machine:
// the clock is simulated, randomness comes from ChaCha8 seeded by seed
// (identity providers get streams of their own, derived from their names).
//
// # Choices
//
//   - A scenario that does not parse is not run; every bad line is reported
//     ([ErrorList], sorted, each "file:line:column: what was expected").
//   - The operator holds each account's root credentials
//     (cloud.Cloud.OperatorCredentials), made with the account: the root
//     user without an access key, so a new root user has both of its key
//     slots free and "as root" works whatever key root does. Statements
//     without "as" bypass authorization, so a setup never trips over an
//     SCP or a propagation delay; "as root" does not.
//   - Names resolve in the acting principal's account: a role or policy
//     written as a name is the actor's; use an ARN for another account's.
//   - The plugin statement is a hook: a host passes Options.Plugin to load
//     condition-operator plugins; without one the statement fails.
package scenario
