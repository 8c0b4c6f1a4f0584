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
//     without resource types, which takes only "*");
//   - conditions: unknown operators, keys that do not exist (global or of
//     a service), keys that none of a statement's actions supports,
//     operators of the wrong type for the key (TYPE_MISMATCH), values the
//     operator cannot read, set qualifiers that do not fit the key,
//     wildcards without a Like operator, private ranges in aws:SourceIp;
//   - security: iam:PassRole on any role without iam:PassedToService,
//     Allow with NotAction, Allow with NotPrincipal, and a wildcard
//     principal without conditions.
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
package validate
