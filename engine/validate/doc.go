// Package validate checks policies the way IAM Access Analyzer's policy
// validation (ValidatePolicy) does, and reports findings in its shape:
// each [Finding] has a type (ERROR, SECURITY_WARNING, WARNING or
// SUGGESTION), a stable issue code, details, a link to the page that
// explains it, and locations — a JSON path and a span whose lines count
// from 1 and columns from 0, as Access Analyzer's do.
//
// # Checks
//
// [Validate] reads the document with package jsonpos and checks, with the
// action catalog of package catalog:
//
//   - the grammar: Version, Statement, Effect, Action/NotAction,
//     Resource/NotResource, Principal/NotPrincipal for the policy type,
//     Sids, and element combinations; anything else IAM would refuse
//     (package policy's parser) comes back as MALFORMED_POLICY_DOCUMENT;
//   - actions: unknown services and actions, with "Did you mean" when a
//     typo is likely; patterns that match nothing; redundant actions;
//   - resources: malformed ARNs (prefix, fields, partition, service case,
//     Region, account), Regions and accounts the service's ARNs never
//     have, ARNs that fit no resource type of their service, and an
//     action named without wildcards that no resource of its statement
//     can be (UNSUPPORTED_RESOURCE_FOR_ACTION: the statement never
//     applies to it; STAR_RESOURCE_REQUIRED, a warning, for an action
//     without resource types, which takes only "*"), and a policy
//     variable before the fifth colon, which AWS does not substitute
//     (VARIABLE_UNSUPPORTED_IN_ARN_FIELD);
//   - conditions: unknown operators, keys that do not exist (global or of
//     a service), keys that none of a statement's actions supports,
//     operators of the wrong type for the key (TYPE_MISMATCH), values the
//     operator cannot read, set qualifiers that do not fit the key,
//     wildcards without a Like operator, private ranges in aws:SourceIp;
//   - security: iam:PassRole on any role without iam:PassedToService,
//     iam:CreateServiceLinkedRole on any role without iam:AWSServiceName,
//     Allow with NotAction, Allow with NotPrincipal, a wildcard principal
//     without conditions, aws:VpcSourceIp without aws:SourceVpc, and tag
//     condition keys (aws:ResourceTag/…, aws:RequestTag/…, aws:TagKeys)
//     with actions of services that never carry them, so that a Deny
//     does not deny them;
//   - principals: wildcards inside principal ARNs, role and user IDs
//     instead of ARNs, service principals not written
//     service.amazonaws.com, federated principals outside trust
//     policies, and service principals without aws:SourceArn or
//     aws:SourceAccount in resource policies;
//   - trust policies: NotPrincipal, "Principal": "*", federated principals
//     that are neither a domain nor a provider ARN, AssumeRole actions
//     that do not fit their principals, OIDC principals (GitHub's in
//     particular) without conditions on their own keys, IAM Roles
//     Anywhere without its three actions, session tag keys without
//     sts:TagSession, assumed-role principals beside their role;
//   - policy variables: a missing brace, an empty variable, a space in
//     the key, a default without quotes, variables outside Resource and
//     Condition;
//   - values of well-known keys: Regions, VPC and VPC endpoint IDs,
//     epoch dates, values of different JSON types, several bounds for
//     one numeric comparison;
//   - whole documents: identical statements, and the size quotas of
//     identity policies, SCPs, role trust policies (2,048 characters)
//     and the resource policies of [Request].ResourceType (20 KB for S3
//     and DynamoDB); with that resource type, actions and ARNs of other
//     services.
//
// # Checks not implemented
//
// Of the checks in the IAM User Guide's reference (2023), these are left
// out:
//
//   - SCP_SYNTAX_ERROR_ALLOW_CONDITION, SCP_SYNTAX_ERROR_ALLOW_NOTACTION
//     and SCP_SYNTAX_ERROR_ALLOW_RESOURCE: iamlab's SCP grammar (package
//     policy) and evaluator accept conditions, NotAction and resource ARNs
//     in an SCP's Allow statements (Organizations has since extended SCPs
//     to the full policy language); an error the simulator does not
//     enforce would mislead.
//   - DEPRECATED_GLOBAL_CONDITION_KEY: its one example, aws:ARN, is
//     reported as UNSUPPORTED_GLOBAL_CONDITION_KEY, which the reference
//     also lists for it; one finding per mistake.
//
// Several checks rest on lists the reference does not spell out, and
// iamlab's are its own: the keys a service principal never carries
// (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount,
// aws:PrincipalArn, aws:PrincipalTag/…), the resource-account keys
// irrelevant in a resource policy (s3:ResourceAccount,
// aws:ResourceAccount), the keys that need sts:TagSession
// (aws:RequestTag/…, aws:TagKeys, sts:TransitiveTagKeys), and when to ask
// to confirm an audience claim's type (an OIDC :aud key with a set
// qualifier).
//
// Condition keys of an unknown prefix with a dot or a slash
// (accounts.google.com:aud, oidc.eks…/id/…:sub) are an identity
// provider's and are not checked.
//
// # Choices
//
// Access Analyzer classifies an operator that does not fit its key's type
// as a general warning (TYPE_MISMATCH), and so does this package, although
// such a condition never matches. ARN keys accept String operators and
// date keys numeric ones. Offsets count bytes. A RESOURCE_POLICY whose
// [Request].ResourceType is AWS::IAM::AssumeRolePolicyDocument is checked
// as a role trust policy.
//
// # Codes
//
// Codes Access Analyzer has are spelt as it spells them; the others are
// iamlab's own. [Code.LearnMoreLink] is the site page for the code,
// /validate/<code in lower case with hyphens>/, written from
// content/validate/<same>.md; [Code.AWSReference] names the section of
// the IAM User Guide's policy check reference for Access Analyzer's codes.
//
//	| code | type | Access Analyzer's |
//	| --- | --- | --- |
//	| JSON_SYNTAX_ERROR | ERROR | Json syntax error |
//	| DATA_TYPE_MISMATCH | ERROR | Data type mismatch |
//	| MALFORMED_POLICY_DOCUMENT | ERROR | iamlab's own |
//	| INVALID_VERSION | ERROR | Invalid version |
//	| MISSING_STATEMENT | ERROR | Missing statement |
//	| INVALID_POLICY_ELEMENT | ERROR | Invalid policy element |
//	| UNSUPPORTED_ELEMENT_COMBINATION | ERROR | Unsupported element combination |
//	| UNIQUE_SIDS_REQUIRED | ERROR | Unique Sids required |
//	| UNSUPPORTED_SID | ERROR | Unsupported Sid |
//	| MISSING_EFFECT | ERROR | Missing effect |
//	| INVALID_EFFECT | ERROR | Invalid effect |
//	| MISSING_ACTION | ERROR | Missing action |
//	| INVALID_ACTION | ERROR | Invalid action |
//	| INVALID_SERVICE_IN_ACTION | ERROR | Invalid service in action |
//	| SCP_SYNTAX_ERROR_ACTION_WILDCARD | ERROR | SCP syntax error action wildcard |
//	| MISSING_RESOURCE | ERROR | Missing resource |
//	| INVALID_ARN_PREFIX | ERROR | Invalid ARN prefix |
//	| MISSING_ARN_FIELD | ERROR | Missing ARN field |
//	| INVALID_PARTITION | ERROR | Invalid partition |
//	| INVALID_ARN_SERVICE_CASE | ERROR | Invalid ARN service case |
//	| INVALID_ARN_REGION | ERROR | Invalid ARN Region |
//	| INVALID_ARN_ACCOUNT | ERROR | Invalid ARN account |
//	| ARN_REGION_NOT_ALLOWED | ERROR | ARN Region not allowed |
//	| ARN_ACCOUNT_NOT_ALLOWED | ERROR | ARN account not allowed |
//	| MISSING_ARN_REGION | ERROR | Missing ARN Region |
//	| INVALID_ARN_RESOURCE | ERROR | Invalid ARN resource |
//	| UNSUPPORTED_RESOURCE_FOR_ACTION | ERROR | iamlab's own |
//	| ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE | ERROR | Role trust policy syntax error resource |
//	| MISSING_PRINCIPAL | ERROR | Missing principal |
//	| UNSUPPORTED_PRINCIPAL | ERROR | Unsupported principal |
//	| INVALID_PRINCIPAL_FORMAT | ERROR | Invalid principal format |
//	| INVALID_PRINCIPAL_KEY | ERROR | Invalid principal key |
//	| INVALID_CONDITION_OPERATOR | ERROR | Invalid condition operator |
//	| NULL_WITH_IF_EXISTS | ERROR | Null with if exists |
//	| INVALID_CONDITION_KEY_FORMAT | ERROR | Invalid condition key format |
//	| DUPLICATE_KEYS_WITH_DIFFERENT_CASE | ERROR | Duplicate keys with different case |
//	| INVALID_GLOBAL_CONDITION_KEY | ERROR | Invalid global condition key |
//	| INVALID_SERVICE | ERROR | Invalid service |
//	| INVALID_SERVICE_CONDITION_KEY | ERROR | Invalid service condition key |
//	| MISSING_TAG_KEY_IN_CONDITION | ERROR | Missing tag key in condition |
//	| UNSUPPORTED_ACTION_FOR_CONDITION_KEY | ERROR | Unsupported action for condition key |
//	| MISSING_QUALIFIER | ERROR | Missing qualifier |
//	| INVALID_CONDITION_MULTIPLE_BOOLEAN | ERROR | Invalid condition multiple Boolean |
//	| INVALID_VARIABLE_FOR_OPERATOR | ERROR | Invalid variable for operator |
//	| VARIABLE_UNSUPPORTED_IN_VERSION | ERROR | Variable unsupported in version |
//	| PRIVATE_IP_ADDRESS | ERROR | Private IP address |
//	| PRIVATE_NOT_IP_ADDRESS | ERROR | Private NotIpAddress |
//	| POLICY_SIZE_EXCEEDS_SCP_QUOTA | ERROR | Policy size exceeds SCP quota |
//	| INVALID_CONDITION_DATA_TYPE | ERROR | Invalid condition data type |
//	| INVALID_REGION | ERROR | Invalid Region |
//	| SCP_SYNTAX_ERROR_NOTRESOURCE | ERROR | SCP syntax error NotResource |
//	| SCP_SYNTAX_ERROR_PRINCIPAL | ERROR | SCP syntax error principal |
//	| UNSUPPORTED_ACTION_IN_POLICY | ERROR | Unsupported action in policy |
//	| UNSUPPORTED_GLOBAL_CONDITION_KEY | ERROR | Unsupported global condition key |
//	| UNSUPPORTED_RESOURCE_ARN_IN_POLICY | ERROR | Unsupported resource ARN in policy |
//	| UNSUPPORTED_WILDCARD_IN_PRINCIPAL | ERROR | Unsupported wildcard in principal |
//	| MISSING_BRACE_IN_VARIABLE | ERROR | Missing brace in variable |
//	| MISSING_QUOTE_IN_VARIABLE | ERROR | Missing quote in variable |
//	| UNSUPPORTED_SPACE_IN_VARIABLE | ERROR | Unsupported space in variable |
//	| EMPTY_VARIABLE | ERROR | Empty variable |
//	| VARIABLE_UNSUPPORTED_IN_ELEMENT | ERROR | Variable unsupported in element |
//	| VARIABLE_UNSUPPORTED_IN_ARN_FIELD | ERROR | iamlab's own |
//	| INVALID_SERVICE_PRINCIPAL_FORMAT | ERROR | Invalid service principal format |
//	| INVALID_VPC_FORMAT | ERROR | Invalid vpc format |
//	| INVALID_VPCE_FORMAT | ERROR | Invalid vpce format |
//	| FEDERATED_PRINCIPAL_NOT_SUPPORTED | ERROR | Federated principal not supported |
//	| UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL | ERROR | Unsupported condition key for service principal |
//	| ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL | ERROR | Role trust policy syntax error notprincipal |
//	| ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL | ERROR | Role trust policy unsupported wildcard in principal |
//	| MISSING_ACTION_FOR_CONDITION_KEY | ERROR | Missing action for condition key |
//	| INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY | ERROR | Invalid federated principal syntax in role trust policy |
//	| MISMATCHED_ACTION_FOR_PRINCIPAL | ERROR | Mismatched action for principal |
//	| MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY | ERROR | Missing action for roles anywhere trust policy |
//	| ALLOW_WITH_NOT_PRINCIPAL | SECURITY_WARNING | Allow with NotPrincipal |
//	| ALLOW_WITH_NOT_ACTION | SECURITY_WARNING | iamlab's own |
//	| WILDCARD_PRINCIPAL_WITHOUT_CONDITION | SECURITY_WARNING | iamlab's own |
//	| FORALLVALUES_WITH_SINGLE_VALUED_KEY | SECURITY_WARNING | ForAllValues with single valued key |
//	| PASS_ROLE_WITH_STAR_IN_RESOURCE | SECURITY_WARNING | Pass role with star in resource |
//	| PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE | SECURITY_WARNING | Pass role with star in action and resource |
//	| PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION | SECURITY_WARNING | Pass role with star in resource and NotAction |
//	| PASS_ROLE_WITH_NOT_RESOURCE | SECURITY_WARNING | Pass role with NotResource |
//	| PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE | SECURITY_WARNING | Pass role with star in action and NotResource |
//	| PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE | SECURITY_WARNING | Pass role with NotAction and NotResource |
//	| MISSING_PAIRED_CONDITION_KEYS | SECURITY_WARNING | Missing paired condition keys |
//	| DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE | SECURITY_WARNING | Deny with unsupported tag condition key for service |
//	| DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE | SECURITY_WARNING | Deny NotAction with unsupported tag condition key for service |
//	| RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL | SECURITY_WARNING | Restrict access to service principal |
//	| MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL | SECURITY_WARNING | Missing condition key for oidc principal |
//	| MISSING_GITHUB_REPO_CONDITION_KEY | SECURITY_WARNING | Missing github repo condition key |
//	| MISSING_VERSION | WARNING | Missing version |
//	| STAR_RESOURCE_REQUIRED | WARNING | iamlab's own |
//	| UNIQUE_SIDS_RECOMMENDED | WARNING | Unique Sids recommended |
//	| WILDCARD_WITHOUT_LIKE_OPERATOR | WARNING | Wildcard without like operator |
//	| POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA | WARNING | Policy size exceeds identity policy quota |
//	| TYPE_MISMATCH | WARNING | Type mismatch |
//	| TYPE_MISMATCH_BOOLEAN | WARNING | Type mismatch Boolean |
//	| TYPE_MISMATCH_DATE | WARNING | Type mismatch date |
//	| TYPE_MISMATCH_IP_RANGE | WARNING | Type mismatch IP range |
//	| TYPE_MISMATCH_NUMBER | WARNING | Type mismatch number |
//	| TYPE_MISMATCH_STRING | WARNING | Type mismatch string |
//	| CREATE_SLR_WITH_NOT_RESOURCE | WARNING | Create SLR with NotResource |
//	| CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE | WARNING | Create SLR with star in action and NotResource |
//	| CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE | WARNING | Create SLR with NotAction and NotResource |
//	| CREATE_SLR_WITH_STAR_IN_RESOURCE | WARNING | Create SLR with star in resource |
//	| CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE | WARNING | Create SLR with star in action and resource |
//	| CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION | WARNING | Create SLR with star in resource and NotAction |
//	| INVALID_DATE_VALUE | WARNING | Invalid date value |
//	| INVALID_ROLE_REFERENCE | WARNING | Invalid role reference |
//	| INVALID_USER_REFERENCE | WARNING | Invalid user reference |
//	| POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA | WARNING | Policy size exceeds resource policy quota |
//	| SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED | WARNING | Specific github repo and branch recommended |
//	| POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA | WARNING | Policy size exceeds role trust policy quota |
//	| EMPTY_ARRAY_ACTION | SUGGESTION | Empty array action |
//	| EMPTY_ARRAY_RESOURCE | SUGGESTION | Empty array resource |
//	| EMPTY_ARRAY_PRINCIPAL | SUGGESTION | Empty array principal |
//	| EMPTY_ARRAY_CONDITION | SUGGESTION | Empty array condition |
//	| EMPTY_ARRAY_CONDITION_FORALLVALUES | SUGGESTION | Empty array condition ForAllValues |
//	| EMPTY_ARRAY_CONDITION_FORANYVALUE | SUGGESTION | Empty array condition ForAnyValue |
//	| EMPTY_ARRAY_CONDITION_IFEXISTS | SUGGESTION | Empty array condition IfExists |
//	| EMPTY_OBJECT_CONDITION | SUGGESTION | Empty object condition |
//	| EMPTY_OBJECT_PRINCIPAL | SUGGESTION | Empty object principal |
//	| EMPTY_SID_VALUE | SUGGESTION | Empty Sid value |
//	| IMPROVE_IP_RANGE | SUGGESTION | Improve IP range |
//	| NULL_WITH_QUALIFIER | SUGGESTION | Null with qualifier |
//	| PRIVATE_IP_ADDRESS_SUBSET | SUGGESTION | Private IP address subset |
//	| REDUNDANT_ACTION | SUGGESTION | Redundant action |
//	| REDUNDANT_RESOURCE | SUGGESTION | Redundant resource |
//	| WILDCARD_IN_SERVICE_NAME | SUGGESTION | Wildcard in service name |
//	| PRIVATE_NOT_IP_ADDRESS_SUBSET | SUGGESTION | Private NotIpAddress subset |
//	| REDUNDANT_CONDITION_VALUE_NUM | SUGGESTION | Redundant condition value num |
//	| REDUNDANT_STATEMENT | SUGGESTION | Redundant statement |
//	| ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE | SUGGESTION | Allow with unsupported tag condition key for service |
//	| ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE | SUGGESTION | Allow NotAction with unsupported tag condition key for service |
//	| RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL | SUGGESTION | Recommended condition key for service principal |
//	| IRRELEVANT_CONDITION_KEY_IN_POLICY | SUGGESTION | Irrelevant condition key in policy |
//	| REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY | SUGGESTION | Redundant principal in role trust policy |
//	| CONFIRM_AUDIENCE_CLAIM_TYPE | SUGGESTION | Confirm audience claim type |
package validate
