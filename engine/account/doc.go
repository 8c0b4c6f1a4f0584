// Package account models one AWS account's IAM state and the rules of the
// IAM operations that change it, as the IAM User Guide and IAM's API model
// (iam.json) describe them: the root user, IAM users, groups, roles
// (service-linked roles among them), customer and AWS managed policies
// with their versions, inline policies, permissions boundaries, tags,
// instance profiles, OpenID Connect and SAML providers, virtual MFA
// devices, and the credentials — passwords, access keys, SSH public keys,
// signing certificates.
//
// Whether a caller may run an operation is not this package's question:
// the simulator above it authorizes requests and replicates accounts
// across Regions. This package answers what an operation does, and why it
// fails.
//
// # The model
//
// [New] makes an [Account] from a 12-digit ID and an [Env]: the clock and
// the source of randomness, both injected, so that tests get the same IDs,
// keys and dates on every run. Operations are methods named after IAM's
// (CreateUser, AttachRolePolicy, CreatePolicyVersion …) taking input
// structs with AWS's field names ([CreateUserInput]) and returning outputs
// shaped like AWS's ([CreateUserOutput]). List operations return
// everything, sorted; there is no pagination.
//
// Every operation checks everything before it changes anything, so a
// failed call leaves the account exactly as it was; the tests check this
// for every failure path. [Account.Clone] makes a deep copy (a regional
// replica). An Account is not safe for concurrent use.
//
// [Account.Probe] makes a copy whose operations note their [Request] — the
// parameters IAM's condition keys read: a boundary, a policy ARN, tags —
// and return [ErrProbed] without doing anything, so that the simulator
// can authorize an operation on what it asks for.
//
// # What the evaluator gets
//
// [Account.IdentityPolicies] gives the identity-based policies and the
// permissions boundary of a user, a federated user (its IAM user's) or a
// role session (its role's) as [eval.Policy] values with IAM's
// SourcePolicyType: a user's inline policies (sorted by name, Source
// "user"), its attached managed policies (in attachment order,
// "aws-managed" or "user-managed", each its default version), then for
// each of its groups in joining order the group's inline policies
// ("group", ID "GROUP/POLICY") and attached policies. A policy's ID is its
// name. [Account.TrustPolicy] gives a role's trust policy (a [policy.Trust]
// document), [Account.PrincipalTags] the tags behind aws:PrincipalTag, and
// [Account.Role] what STS needs to issue a session.
//
// # Errors
//
// Every error is an [*Error] with an IAM [Code] (NoSuchEntity,
// EntityAlreadyExists, LimitExceeded, MalformedPolicyDocument,
// DeleteConflict, InvalidInput, PasswordPolicyViolation,
// UnmodifiableEntity, PolicyNotAttachable …) and a message worded like
// AWS's ("The user with name bob cannot be found."); the codes are
// sentinels for errors.Is. A parameter that breaks its shape's length or
// pattern in iam.json is ValidationError, in AWS's "1 validation error
// detected: Value 'a b' at 'userName' failed to satisfy constraint: …"
// form; passwords are never echoed. A
// malformed policy is MalformedPolicyDocument with engine/policy's located
// error text, and the [policy.ErrorList] as the error's cause.
//
// Checks run broadly in this order: parameter shapes, the entities named
// (NoSuchEntity), policy documents, the state (conflicts,
// UnmodifiableEntity), quotas (LimitExceeded), and last the random draws
// (ServiceFailure if Env.Rand fails).
//
// # Names, paths and IDs
//
// Names follow iam.json: users and roles 1–64 characters of [\w+=,.@-],
// groups, policies and instance profiles 1–128; paths are "/" or
// "/…/" of characters ! to ~, at most 512 (managed policies'
// paths are stricter: no empty segment). ARNs are
// arn:aws:iam::ACCOUNT:user/PATH/NAME and so on; every ARN is in the aws
// partition. Unique IDs are AWS's prefix (AIDA users, AGPA groups, AROA
// roles, ANPA managed policies, AIPA instance profiles, APKA SSH keys)
// then 17 characters of [A-Z2-7] from Env.Rand, 21 in all like AWS's
// AIDAJQABLZS4A3QDU576Q; access key IDs are AKIA then 16 (20 in all, like
// AKIAIOSFODNN7EXAMPLE), and [NewTemporaryAccessKeyID] draws the ASIA
// ones STS needs. An ID is never issued twice in an account, even after
// its entity is deleted (reference_identifiers.md).
//
// # Quotas
//
// [Quotas] holds every limit, with AWS's defaults ([DefaultQuotas]) from
// reference_iam-quotas.md: 5,000 users, 300 groups, 1,000 roles, 1,500
// customer managed policies, 1,000 instance profiles; 10 groups per user;
// 10 managed policies per user, group and role; inline policies of 2,048
// (user), 5,120 (group) and 10,240 (role) characters in all; managed
// policies of 6,144; trust policies of 2,048; 5 policy versions; 2 access
// keys, 5 SSH keys, 2 signing certificates and 8 MFA devices per user; 50
// tags per resource. Sizes are counted as [policy.Document.Size]: white
// space between tokens is not counted. [Account.SetQuotas] changes them.
//
// # Choices where AWS's documentation is silent
//
//   - Case: users, groups, roles and instance profiles are unique ignoring
//     case (reference_iam-quotas.md), and so here are customer managed
//     policies, inline policy names within their entity, SAML provider
//     names, OIDC provider URLs and MFA devices (by path and name).
//     Lookups by name ignore case too. PutUserPolicy with a name that
//     differs only in case replaces the policy and takes the new spelling.
//   - A size quota exceeded is LimitExceeded, with AWS's messages
//     ("Cannot exceed quota for PolicySize: 6144", "Maximum policy size of
//     2048 bytes exceeded for user bob"), checked before the grammar: an
//     oversized document is LimitExceeded even if it is also malformed.
//     AWS managed policies have no size quota, and are not held to the
//     131,072 characters of IAM's document parameter either (AWS's
//     AWSSupportServiceRolePolicy is longer): a registered document may
//     have up to 1 MiB, a cap of iamlab's that only keeps sizes sane.
//   - Documents are kept and returned as given; IAM returns them
//     URL-encoded, which is the API layer's business.
//   - Timestamps are Env.Now() in UTC, at full precision.
//   - Attaching a policy that is already attached, or adding a user to a
//     group it is in, succeeds and changes nothing. Detaching one that is
//     not attached, or removing a non-member, is NoSuchEntity.
//   - DeletePolicy is refused while the policy is a permissions boundary,
//     as while it is attached. AWS managed policies cannot be deleted,
//     versioned, given a default version or tagged (InvalidInput).
//     [Account.RegisterAWSManagedPolicy] adds one, or gives it a new
//     default version, dropping the oldest others beyond five. Their IDs
//     derive from their ARN, so they are the same in every account. The
//     built-in set ([BuiltinAWSManagedPolicies]) is AdministratorAccess,
//     an abridged ReadOnlyAccess, IAMUserChangePassword and an abridged
//     AWSSupportServiceRolePolicy.
//   - AWS managed policies under /aws-service-role/ are for service-linked
//     roles only: attaching one, or making it a boundary, is
//     PolicyNotAttachable.
//   - Tags: "aws:" is refused at the start of keys and values, as id_tags.md
//     says. User and role keys are case-insensitive and a new tag takes the
//     new spelling of its key; other resources' keys are case-sensitive.
//     Groups have no tags. Lists keep the order tags were added, except
//     OIDC and SAML providers', sorted by key as the API model says.
//   - The root user's credentials are named by an empty UserName
//     (CreateAccessKey, ListAccessKeys, EnableMFADevice …): IAM takes the
//     user from the caller's credentials, and the simulator resolves the
//     caller. Signing certificates are modelled for IAM users only.
//   - Passwords are hashed with Argon2id from golang.org/x/crypto/argon2
//     (19 MiB, 2 passes, 1 thread: OWASP's recommendation), salted from
//     Env.Rand and stored in the PHC string format. Not bcrypt: its salt
//     comes from crypto/rand inside the library, which Env.Rand could not
//     replace. Access key secrets are 40 random characters, so they are
//     kept as their SHA-256 and compared in constant time
//     ([Account.VerifyAccessKey]).
//   - Without a custom password policy, AWS's default one applies: at
//     least 8 characters with three of uppercase, lowercase, numbers and
//     symbols (! @ # $ % ^ & * ( ) _ + - = [ ] { } | '). The rule against
//     a password equal to the account's name or e-mail is not modelled: the
//     account has neither. UpdateAccountPasswordPolicy's omitted settings
//     take the operation's defaults (MinimumPasswordLength 6, no expiry,
//     no reuse prevention), as iam.json says. Length and character rules
//     apply when a password is set; expiry applies at once to every
//     password's age ([Account.CheckPassword]).
//   - PasswordReusePrevention N refuses the N most recent passwords, the
//     current one among them, whether the user changes it or an
//     administrator sets it (UpdateLoginProfile). Only the hashes that N
//     needs are kept, none without reuse prevention.
//   - ChangePassword with a wrong old password is InvalidInput: the API
//     model names no code for it. Whether the user may change it at all
//     (AllowUsersToChangePassword, iam:ChangePassword) is authorization;
//     ChangePassword still works after a hard expiry, as the password
//     policy page says it does through the API.
//   - CheckPassword reports a wrong password first, then expiry (hard or
//     not), then a required reset. The root user's password follows AWS's
//     default rules, never expires, and ignores the password policy.
//   - A user, and the root user, may use up to 8 MFA devices
//     (reference_iam-quotas.md). [Account.CheckMFACode] verifies a code
//     and remembers it, so a code is good once (engine/mfa).
//   - GetAccessKeyLastUsed of a key that does not exist is NoSuchEntity;
//     for a root key its UserName is empty.
//   - SSH public keys are RSA keys in OpenSSH ("ssh-rsa …") or PEM form;
//     their fingerprint is the MD5 of the key, as colon-separated hex. The
//     same key twice for one user is DuplicateSSHPublicKey; another user
//     may upload it. Signing certificates must be PEM X.509 certificates
//     that have not expired; one already held by any user of the account is
//     DuplicateCertificate; their IDs are 28 characters of [A-Z2-7].
//   - Service-linked roles are named AWSServiceRoleFor + the service's name
//     (AWS's spelling for a dozen common services, else the principal's
//     first label capitalised) + "_" + the custom suffix, at path
//     /aws-service-role/SERVICE/, trusting only the service; the service's
//     AWS managed role policy is attached when it is registered. Their
//     trust policy, policies and boundary, their session duration and
//     their instance profiles are UnmodifiableEntity; their description
//     and tags may change. DeleteRole refuses them; DeleteServiceLinkedRole
//     completes at once: FAILED while [Account.SetServiceLinkedRoleResources]
//     says the service still uses the role, else SUCCEEDED, the role gone.
//     A name already taken is InvalidInput, as AWS answers it; the path
//     /aws-service-role/ is reserved for them (CreateRole: InvalidInput).
//   - An instance profile holds one role; a role may be in several
//     instance profiles.
//   - CreateAccountAlias replaces the alias, as the console does; that an
//     alias is unique across AWS is for whoever holds every account.
//   - OIDC provider URLs start with https:// and have a host, no port, no
//     query or fragment; up to 5 thumbprints of 40 hexadecimal digits
//     (InvalidInput beyond), up to 100 client IDs (LimitExceeded), kept
//     without duplicates. SAML metadata documents are kept as opaque
//     strings of 1,000 to 10,000,000 characters.
//   - EntityTemporarilyUnmodifiable and ConcurrentModification are never
//     returned: this model has no eventual consistency of its own.
package account
