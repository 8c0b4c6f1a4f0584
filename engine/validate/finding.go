package validate

import (
	"fmt"
	"strconv"
	"strings"
)

// FindingType is how serious a finding is, in Access Analyzer's terms.
type FindingType uint8

// The finding types, most serious first.
const (
	// Error: a part of the policy does not work (or IAM refuses it).
	Error FindingType = iota
	// SecurityWarning: the policy allows access that is overly permissive.
	SecurityWarning
	// Warning: the policy does not follow policy-writing best practice.
	Warning
	// Suggestion: a stylistic improvement that does not change access.
	Suggestion
)

var findingTypeNames = [...]string{"ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"}

func (t FindingType) String() string {
	if int(t) < len(findingTypeNames) {
		return findingTypeNames[t]
	}
	return "FindingType(" + strconv.Itoa(int(t)) + ")"
}

// Title names the type for people: "security warning".
func (t FindingType) Title() string {
	return strings.ReplaceAll(strings.ToLower(t.String()), "_", " ")
}

// MarshalText gives Access Analyzer's name: ERROR, SECURITY_WARNING,
// WARNING or SUGGESTION.
func (t FindingType) MarshalText() ([]byte, error) {
	if int(t) >= len(findingTypeNames) {
		return nil, fmt.Errorf("validate: cannot marshal %s", t)
	}
	return []byte(t.String()), nil
}

// UnmarshalText reads Access Analyzer's name.
func (t *FindingType) UnmarshalText(b []byte) error {
	for i, n := range findingTypeNames {
		if n == string(b) {
			*t = FindingType(i)
			return nil
		}
	}
	return fmt.Errorf("validate: unknown finding type %q", b)
}

// Code is a finding's stable issue code. Codes Access Analyzer has are
// spelt as it spells them ("INVALID_ACTION"); iamlab's own are listed in
// the package documentation.
type Code string

// Info is what the package knows of a code: its finding type, whether it
// is Access Analyzer's, and its title.
type Info struct {
	Type  FindingType
	AWS   bool   // Access Analyzer reports the same issue under this code
	Title string // "Invalid action"
}

// Info describes the code; ok is false for a code this package never
// reports.
func (c Code) Info() (Info, bool) {
	for _, d := range codeTable() {
		if d.code == c {
			return d.info, true
		}
	}
	return Info{}, false
}

// LearnMoreLink is the site page that explains the code:
// /validate/invalid-action/ (from content/validate/invalid-action.md).
func (c Code) LearnMoreLink() string {
	return "/validate/" + strings.ReplaceAll(strings.ToLower(string(c)), "_", "-") + "/"
}

// AWSReference is the section of the IAM User Guide's Access Analyzer
// policy check reference (access-analyzer-reference-policy-checks.md) for
// one of Access Analyzer's codes, or "" for iamlab's own.
func (c Code) AWSReference() string {
	i, ok := c.Info()
	if !ok || !i.AWS {
		return ""
	}
	kind := map[FindingType]string{Error: "error", SecurityWarning: "security-warning", Warning: "general-warning", Suggestion: "suggestion"}[i.Type]
	return "access-analyzer-reference-policy-checks.md#access-analyzer-reference-policy-checks-" + kind + "-" +
		strings.ReplaceAll(strings.ToLower(string(c)), "_", "-")
}

// Codes lists every code the package reports, in a stable order.
func Codes() []Code {
	table := codeTable()
	out := make([]Code, len(table))
	for i, d := range table {
		out[i] = d.code
	}
	return out
}

// The codes. Keep the table in doc.go in step.
const (
	JSONSyntaxError                               Code = "JSON_SYNTAX_ERROR"
	DataTypeMismatch                              Code = "DATA_TYPE_MISMATCH"
	MalformedPolicyDocument                       Code = "MALFORMED_POLICY_DOCUMENT"
	InvalidVersion                                Code = "INVALID_VERSION"
	MissingStatement                              Code = "MISSING_STATEMENT"
	InvalidPolicyElement                          Code = "INVALID_POLICY_ELEMENT"
	UnsupportedElementCombination                 Code = "UNSUPPORTED_ELEMENT_COMBINATION"
	UniqueSidsRequired                            Code = "UNIQUE_SIDS_REQUIRED"
	UnsupportedSid                                Code = "UNSUPPORTED_SID"
	MissingEffect                                 Code = "MISSING_EFFECT"
	InvalidEffect                                 Code = "INVALID_EFFECT"
	MissingAction                                 Code = "MISSING_ACTION"
	InvalidAction                                 Code = "INVALID_ACTION"
	InvalidServiceInAction                        Code = "INVALID_SERVICE_IN_ACTION"
	SCPSyntaxErrorActionWildcard                  Code = "SCP_SYNTAX_ERROR_ACTION_WILDCARD"
	MissingResource                               Code = "MISSING_RESOURCE"
	InvalidARNPrefix                              Code = "INVALID_ARN_PREFIX"
	MissingARNField                               Code = "MISSING_ARN_FIELD"
	InvalidPartition                              Code = "INVALID_PARTITION"
	InvalidARNServiceCase                         Code = "INVALID_ARN_SERVICE_CASE"
	InvalidARNRegion                              Code = "INVALID_ARN_REGION"
	InvalidARNAccount                             Code = "INVALID_ARN_ACCOUNT"
	ARNRegionNotAllowed                           Code = "ARN_REGION_NOT_ALLOWED"
	ARNAccountNotAllowed                          Code = "ARN_ACCOUNT_NOT_ALLOWED"
	MissingARNRegion                              Code = "MISSING_ARN_REGION"
	InvalidARNResource                            Code = "INVALID_ARN_RESOURCE"
	UnsupportedResourceForAction                  Code = "UNSUPPORTED_RESOURCE_FOR_ACTION"
	StarResourceRequired                          Code = "STAR_RESOURCE_REQUIRED"
	RoleTrustPolicySyntaxErrorResource            Code = "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"
	MissingPrincipal                              Code = "MISSING_PRINCIPAL"
	UnsupportedPrincipal                          Code = "UNSUPPORTED_PRINCIPAL"
	InvalidPrincipalFormat                        Code = "INVALID_PRINCIPAL_FORMAT"
	InvalidPrincipalKey                           Code = "INVALID_PRINCIPAL_KEY"
	InvalidConditionOperator                      Code = "INVALID_CONDITION_OPERATOR"
	NullWithIfExists                              Code = "NULL_WITH_IF_EXISTS"
	InvalidConditionKeyFormat                     Code = "INVALID_CONDITION_KEY_FORMAT"
	DuplicateKeysWithDifferentCase                Code = "DUPLICATE_KEYS_WITH_DIFFERENT_CASE"
	InvalidGlobalConditionKey                     Code = "INVALID_GLOBAL_CONDITION_KEY"
	InvalidService                                Code = "INVALID_SERVICE"
	InvalidServiceConditionKey                    Code = "INVALID_SERVICE_CONDITION_KEY"
	MissingTagKeyInCondition                      Code = "MISSING_TAG_KEY_IN_CONDITION"
	UnsupportedActionForConditionKey              Code = "UNSUPPORTED_ACTION_FOR_CONDITION_KEY"
	MissingQualifier                              Code = "MISSING_QUALIFIER"
	InvalidConditionMultipleBoolean               Code = "INVALID_CONDITION_MULTIPLE_BOOLEAN"
	InvalidVariableForOperator                    Code = "INVALID_VARIABLE_FOR_OPERATOR"
	VariableUnsupportedInVersion                  Code = "VARIABLE_UNSUPPORTED_IN_VERSION"
	PrivateIPAddress                              Code = "PRIVATE_IP_ADDRESS"
	PrivateNotIPAddress                           Code = "PRIVATE_NOT_IP_ADDRESS"
	PolicySizeExceedsSCPQuota                     Code = "POLICY_SIZE_EXCEEDS_SCP_QUOTA"
	AllowWithNotPrincipal                         Code = "ALLOW_WITH_NOT_PRINCIPAL"
	AllowWithNotAction                            Code = "ALLOW_WITH_NOT_ACTION"
	WildcardPrincipalWithoutCondition             Code = "WILDCARD_PRINCIPAL_WITHOUT_CONDITION"
	ForAllValuesWithSingleValuedKey               Code = "FORALLVALUES_WITH_SINGLE_VALUED_KEY"
	PassRoleWithStarInResource                    Code = "PASS_ROLE_WITH_STAR_IN_RESOURCE"
	PassRoleWithStarInActionAndResource           Code = "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"
	PassRoleWithStarInResourceNotAction           Code = "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"
	PassRoleWithNotResource                       Code = "PASS_ROLE_WITH_NOT_RESOURCE"
	PassRoleWithStarInActionNotResource           Code = "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
	PassRoleWithNotActionNotResource              Code = "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE"
	MissingVersion                                Code = "MISSING_VERSION"
	UniqueSidsRecommended                         Code = "UNIQUE_SIDS_RECOMMENDED"
	WildcardWithoutLikeOperator                   Code = "WILDCARD_WITHOUT_LIKE_OPERATOR"
	PolicySizeExceedsIdentityQuota                Code = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"
	TypeMismatch                                  Code = "TYPE_MISMATCH"
	TypeMismatchBoolean                           Code = "TYPE_MISMATCH_BOOLEAN"
	TypeMismatchDate                              Code = "TYPE_MISMATCH_DATE"
	TypeMismatchIPRange                           Code = "TYPE_MISMATCH_IP_RANGE"
	TypeMismatchNumber                            Code = "TYPE_MISMATCH_NUMBER"
	TypeMismatchString                            Code = "TYPE_MISMATCH_STRING"
	EmptyArrayAction                              Code = "EMPTY_ARRAY_ACTION"
	EmptyArrayResource                            Code = "EMPTY_ARRAY_RESOURCE"
	EmptyArrayPrincipal                           Code = "EMPTY_ARRAY_PRINCIPAL"
	EmptyArrayCondition                           Code = "EMPTY_ARRAY_CONDITION"
	EmptyArrayConditionForAllValues               Code = "EMPTY_ARRAY_CONDITION_FORALLVALUES"
	EmptyArrayConditionForAnyValue                Code = "EMPTY_ARRAY_CONDITION_FORANYVALUE"
	EmptyArrayConditionIfExists                   Code = "EMPTY_ARRAY_CONDITION_IFEXISTS"
	EmptyObjectCondition                          Code = "EMPTY_OBJECT_CONDITION"
	EmptyObjectPrincipal                          Code = "EMPTY_OBJECT_PRINCIPAL"
	EmptySidValue                                 Code = "EMPTY_SID_VALUE"
	ImproveIPRange                                Code = "IMPROVE_IP_RANGE"
	NullWithQualifier                             Code = "NULL_WITH_QUALIFIER"
	PrivateIPAddressSubset                        Code = "PRIVATE_IP_ADDRESS_SUBSET"
	RedundantAction                               Code = "REDUNDANT_ACTION"
	RedundantResource                             Code = "REDUNDANT_RESOURCE"
	WildcardInServiceName                         Code = "WILDCARD_IN_SERVICE_NAME"
	InvalidConditionDataType                      Code = "INVALID_CONDITION_DATA_TYPE"
	InvalidRegion                                 Code = "INVALID_REGION"
	SCPSyntaxErrorNotResource                     Code = "SCP_SYNTAX_ERROR_NOTRESOURCE"
	SCPSyntaxErrorPrincipal                       Code = "SCP_SYNTAX_ERROR_PRINCIPAL"
	UnsupportedActionInPolicy                     Code = "UNSUPPORTED_ACTION_IN_POLICY"
	UnsupportedGlobalConditionKey                 Code = "UNSUPPORTED_GLOBAL_CONDITION_KEY"
	UnsupportedResourceARNInPolicy                Code = "UNSUPPORTED_RESOURCE_ARN_IN_POLICY"
	UnsupportedWildcardInPrincipal                Code = "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
	MissingBraceInVariable                        Code = "MISSING_BRACE_IN_VARIABLE"
	MissingQuoteInVariable                        Code = "MISSING_QUOTE_IN_VARIABLE"
	UnsupportedSpaceInVariable                    Code = "UNSUPPORTED_SPACE_IN_VARIABLE"
	EmptyVariable                                 Code = "EMPTY_VARIABLE"
	VariableUnsupportedInElement                  Code = "VARIABLE_UNSUPPORTED_IN_ELEMENT"
	VariableUnsupportedInARNField                 Code = "VARIABLE_UNSUPPORTED_IN_ARN_FIELD"
	InvalidServicePrincipalFormat                 Code = "INVALID_SERVICE_PRINCIPAL_FORMAT"
	InvalidVPCFormat                              Code = "INVALID_VPC_FORMAT"
	InvalidVPCEFormat                             Code = "INVALID_VPCE_FORMAT"
	FederatedPrincipalNotSupported                Code = "FEDERATED_PRINCIPAL_NOT_SUPPORTED"
	UnsupportedConditionKeyForServicePrincipal    Code = "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"
	RoleTrustPolicySyntaxErrorNotPrincipal        Code = "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL"
	RoleTrustPolicyUnsupportedWildcardInPrincipal Code = "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
	MissingActionForConditionKey                  Code = "MISSING_ACTION_FOR_CONDITION_KEY"
	InvalidFederatedPrincipalSyntax               Code = "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY"
	MismatchedActionForPrincipal                  Code = "MISMATCHED_ACTION_FOR_PRINCIPAL"
	MissingActionForRolesAnywhere                 Code = "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY"
	MissingPairedConditionKeys                    Code = "MISSING_PAIRED_CONDITION_KEYS"
	DenyWithUnsupportedTagConditionKey            Code = "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	DenyNotActionWithUnsupportedTagConditionKey   Code = "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	RestrictAccessToServicePrincipal              Code = "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"
	MissingConditionKeyForOIDCPrincipal           Code = "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL"
	MissingGitHubRepoConditionKey                 Code = "MISSING_GITHUB_REPO_CONDITION_KEY"
	CreateSLRWithNotResource                      Code = "CREATE_SLR_WITH_NOT_RESOURCE"
	CreateSLRWithStarInActionAndNotResource       Code = "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
	CreateSLRWithNotActionAndNotResource          Code = "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE"
	CreateSLRWithStarInResource                   Code = "CREATE_SLR_WITH_STAR_IN_RESOURCE"
	CreateSLRWithStarInActionAndResource          Code = "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE"
	CreateSLRWithStarInResourceAndNotAction       Code = "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"
	InvalidDateValue                              Code = "INVALID_DATE_VALUE"
	InvalidRoleReference                          Code = "INVALID_ROLE_REFERENCE"
	InvalidUserReference                          Code = "INVALID_USER_REFERENCE"
	PolicySizeExceedsResourcePolicyQuota          Code = "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA"
	SpecificGitHubRepoAndBranchRecommended        Code = "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED"
	PolicySizeExceedsRoleTrustPolicyQuota         Code = "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA"
	PrivateNotIPAddressSubset                     Code = "PRIVATE_NOT_IP_ADDRESS_SUBSET"
	RedundantConditionValueNum                    Code = "REDUNDANT_CONDITION_VALUE_NUM"
	RedundantStatement                            Code = "REDUNDANT_STATEMENT"
	AllowWithUnsupportedTagConditionKey           Code = "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	AllowNotActionWithUnsupportedTagConditionKey  Code = "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	RecommendedConditionKeyForServicePrincipal    Code = "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"
	IrrelevantConditionKeyInPolicy                Code = "IRRELEVANT_CONDITION_KEY_IN_POLICY"
	RedundantPrincipalInRoleTrustPolicy           Code = "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY"
	ConfirmAudienceClaimType                      Code = "CONFIRM_AUDIENCE_CLAIM_TYPE"
)

type codeDef struct {
	code Code
	info Info
}

// codeTable is every code with what is known of it; a new slice each call,
// so that nothing global can change.
func codeTable() []codeDef {
	return []codeDef{
		{JSONSyntaxError, Info{Error, true, "Json syntax error"}},
		{DataTypeMismatch, Info{Error, true, "Data type mismatch"}},
		{MalformedPolicyDocument, Info{Error, false, "Malformed policy document"}},
		{InvalidVersion, Info{Error, true, "Invalid version"}},
		{MissingStatement, Info{Error, true, "Missing statement"}},
		{InvalidPolicyElement, Info{Error, true, "Invalid policy element"}},
		{UnsupportedElementCombination, Info{Error, true, "Unsupported element combination"}},
		{UniqueSidsRequired, Info{Error, true, "Unique Sids required"}},
		{UnsupportedSid, Info{Error, true, "Unsupported Sid"}},
		{MissingEffect, Info{Error, true, "Missing effect"}},
		{InvalidEffect, Info{Error, true, "Invalid effect"}},
		{MissingAction, Info{Error, true, "Missing action"}},
		{InvalidAction, Info{Error, true, "Invalid action"}},
		{InvalidServiceInAction, Info{Error, true, "Invalid service in action"}},
		{SCPSyntaxErrorActionWildcard, Info{Error, true, "SCP syntax error action wildcard"}},
		{MissingResource, Info{Error, true, "Missing resource"}},
		{InvalidARNPrefix, Info{Error, true, "Invalid ARN prefix"}},
		{MissingARNField, Info{Error, true, "Missing ARN field"}},
		{InvalidPartition, Info{Error, true, "Invalid partition"}},
		{InvalidARNServiceCase, Info{Error, true, "Invalid ARN service case"}},
		{InvalidARNRegion, Info{Error, true, "Invalid ARN Region"}},
		{InvalidARNAccount, Info{Error, true, "Invalid ARN account"}},
		{ARNRegionNotAllowed, Info{Error, true, "ARN Region not allowed"}},
		{ARNAccountNotAllowed, Info{Error, true, "ARN account not allowed"}},
		{MissingARNRegion, Info{Error, true, "Missing ARN Region"}},
		{InvalidARNResource, Info{Error, true, "Invalid ARN resource"}},
		{UnsupportedResourceForAction, Info{Error, false, "Unsupported resource for action"}},
		{RoleTrustPolicySyntaxErrorResource, Info{Error, true, "Role trust policy syntax error resource"}},
		{MissingPrincipal, Info{Error, true, "Missing principal"}},
		{UnsupportedPrincipal, Info{Error, true, "Unsupported principal"}},
		{InvalidPrincipalFormat, Info{Error, true, "Invalid principal format"}},
		{InvalidPrincipalKey, Info{Error, true, "Invalid principal key"}},
		{InvalidConditionOperator, Info{Error, true, "Invalid condition operator"}},
		{NullWithIfExists, Info{Error, true, "Null with if exists"}},
		{InvalidConditionKeyFormat, Info{Error, true, "Invalid condition key format"}},
		{DuplicateKeysWithDifferentCase, Info{Error, true, "Duplicate keys with different case"}},
		{InvalidGlobalConditionKey, Info{Error, true, "Invalid global condition key"}},
		{InvalidService, Info{Error, true, "Invalid service"}},
		{InvalidServiceConditionKey, Info{Error, true, "Invalid service condition key"}},
		{MissingTagKeyInCondition, Info{Error, true, "Missing tag key in condition"}},
		{UnsupportedActionForConditionKey, Info{Error, true, "Unsupported action for condition key"}},
		{MissingQualifier, Info{Error, true, "Missing qualifier"}},
		{InvalidConditionMultipleBoolean, Info{Error, true, "Invalid condition multiple Boolean"}},
		{InvalidVariableForOperator, Info{Error, true, "Invalid variable for operator"}},
		{VariableUnsupportedInVersion, Info{Error, true, "Variable unsupported in version"}},
		{PrivateIPAddress, Info{Error, true, "Private IP address"}},
		{PrivateNotIPAddress, Info{Error, true, "Private NotIpAddress"}},
		{PolicySizeExceedsSCPQuota, Info{Error, true, "Policy size exceeds SCP quota"}},
		{InvalidConditionDataType, Info{Error, true, "Invalid condition data type"}},
		{InvalidRegion, Info{Error, true, "Invalid Region"}},
		{SCPSyntaxErrorNotResource, Info{Error, true, "SCP syntax error NotResource"}},
		{SCPSyntaxErrorPrincipal, Info{Error, true, "SCP syntax error principal"}},
		{UnsupportedActionInPolicy, Info{Error, true, "Unsupported action in policy"}},
		{UnsupportedGlobalConditionKey, Info{Error, true, "Unsupported global condition key"}},
		{UnsupportedResourceARNInPolicy, Info{Error, true, "Unsupported resource ARN in policy"}},
		{UnsupportedWildcardInPrincipal, Info{Error, true, "Unsupported wildcard in principal"}},
		{MissingBraceInVariable, Info{Error, true, "Missing brace in variable"}},
		{MissingQuoteInVariable, Info{Error, true, "Missing quote in variable"}},
		{UnsupportedSpaceInVariable, Info{Error, true, "Unsupported space in variable"}},
		{EmptyVariable, Info{Error, true, "Empty variable"}},
		{VariableUnsupportedInElement, Info{Error, true, "Variable unsupported in element"}},
		{VariableUnsupportedInARNField, Info{Error, false, "Variable unsupported in ARN field"}},
		{InvalidServicePrincipalFormat, Info{Error, true, "Invalid service principal format"}},
		{InvalidVPCFormat, Info{Error, true, "Invalid vpc format"}},
		{InvalidVPCEFormat, Info{Error, true, "Invalid vpce format"}},
		{FederatedPrincipalNotSupported, Info{Error, true, "Federated principal not supported"}},
		{UnsupportedConditionKeyForServicePrincipal, Info{Error, true, "Unsupported condition key for service principal"}},
		{RoleTrustPolicySyntaxErrorNotPrincipal, Info{Error, true, "Role trust policy syntax error notprincipal"}},
		{RoleTrustPolicyUnsupportedWildcardInPrincipal, Info{Error, true, "Role trust policy unsupported wildcard in principal"}},
		{MissingActionForConditionKey, Info{Error, true, "Missing action for condition key"}},
		{InvalidFederatedPrincipalSyntax, Info{Error, true, "Invalid federated principal syntax in role trust policy"}},
		{MismatchedActionForPrincipal, Info{Error, true, "Mismatched action for principal"}},
		{MissingActionForRolesAnywhere, Info{Error, true, "Missing action for roles anywhere trust policy"}},
		{AllowWithNotPrincipal, Info{SecurityWarning, true, "Allow with NotPrincipal"}},
		{AllowWithNotAction, Info{SecurityWarning, false, "Allow with NotAction"}},
		{WildcardPrincipalWithoutCondition, Info{SecurityWarning, false, "Wildcard principal without condition"}},
		{ForAllValuesWithSingleValuedKey, Info{SecurityWarning, true, "ForAllValues with single valued key"}},
		{PassRoleWithStarInResource, Info{SecurityWarning, true, "Pass role with star in resource"}},
		{PassRoleWithStarInActionAndResource, Info{SecurityWarning, true, "Pass role with star in action and resource"}},
		{PassRoleWithStarInResourceNotAction, Info{SecurityWarning, true, "Pass role with star in resource and NotAction"}},
		{PassRoleWithNotResource, Info{SecurityWarning, true, "Pass role with NotResource"}},
		{PassRoleWithStarInActionNotResource, Info{SecurityWarning, true, "Pass role with star in action and NotResource"}},
		{PassRoleWithNotActionNotResource, Info{SecurityWarning, true, "Pass role with NotAction and NotResource"}},
		{MissingPairedConditionKeys, Info{SecurityWarning, true, "Missing paired condition keys"}},
		{DenyWithUnsupportedTagConditionKey, Info{SecurityWarning, true, "Deny with unsupported tag condition key for service"}},
		{DenyNotActionWithUnsupportedTagConditionKey, Info{SecurityWarning, true, "Deny NotAction with unsupported tag condition key for service"}},
		{RestrictAccessToServicePrincipal, Info{SecurityWarning, true, "Restrict access to service principal"}},
		{MissingConditionKeyForOIDCPrincipal, Info{SecurityWarning, true, "Missing condition key for oidc principal"}},
		{MissingGitHubRepoConditionKey, Info{SecurityWarning, true, "Missing github repo condition key"}},
		{MissingVersion, Info{Warning, true, "Missing version"}},
		{StarResourceRequired, Info{Warning, false, "Star resource required"}},
		{UniqueSidsRecommended, Info{Warning, true, "Unique Sids recommended"}},
		{WildcardWithoutLikeOperator, Info{Warning, true, "Wildcard without like operator"}},
		{PolicySizeExceedsIdentityQuota, Info{Warning, true, "Policy size exceeds identity policy quota"}},
		{TypeMismatch, Info{Warning, true, "Type mismatch"}},
		{TypeMismatchBoolean, Info{Warning, true, "Type mismatch Boolean"}},
		{TypeMismatchDate, Info{Warning, true, "Type mismatch date"}},
		{TypeMismatchIPRange, Info{Warning, true, "Type mismatch IP range"}},
		{TypeMismatchNumber, Info{Warning, true, "Type mismatch number"}},
		{TypeMismatchString, Info{Warning, true, "Type mismatch string"}},
		{CreateSLRWithNotResource, Info{Warning, true, "Create SLR with NotResource"}},
		{CreateSLRWithStarInActionAndNotResource, Info{Warning, true, "Create SLR with star in action and NotResource"}},
		{CreateSLRWithNotActionAndNotResource, Info{Warning, true, "Create SLR with NotAction and NotResource"}},
		{CreateSLRWithStarInResource, Info{Warning, true, "Create SLR with star in resource"}},
		{CreateSLRWithStarInActionAndResource, Info{Warning, true, "Create SLR with star in action and resource"}},
		{CreateSLRWithStarInResourceAndNotAction, Info{Warning, true, "Create SLR with star in resource and NotAction"}},
		{InvalidDateValue, Info{Warning, true, "Invalid date value"}},
		{InvalidRoleReference, Info{Warning, true, "Invalid role reference"}},
		{InvalidUserReference, Info{Warning, true, "Invalid user reference"}},
		{PolicySizeExceedsResourcePolicyQuota, Info{Warning, true, "Policy size exceeds resource policy quota"}},
		{SpecificGitHubRepoAndBranchRecommended, Info{Warning, true, "Specific github repo and branch recommended"}},
		{PolicySizeExceedsRoleTrustPolicyQuota, Info{Warning, true, "Policy size exceeds role trust policy quota"}},
		{EmptyArrayAction, Info{Suggestion, true, "Empty array action"}},
		{EmptyArrayResource, Info{Suggestion, true, "Empty array resource"}},
		{EmptyArrayPrincipal, Info{Suggestion, true, "Empty array principal"}},
		{EmptyArrayCondition, Info{Suggestion, true, "Empty array condition"}},
		{EmptyArrayConditionForAllValues, Info{Suggestion, true, "Empty array condition ForAllValues"}},
		{EmptyArrayConditionForAnyValue, Info{Suggestion, true, "Empty array condition ForAnyValue"}},
		{EmptyArrayConditionIfExists, Info{Suggestion, true, "Empty array condition IfExists"}},
		{EmptyObjectCondition, Info{Suggestion, true, "Empty object condition"}},
		{EmptyObjectPrincipal, Info{Suggestion, true, "Empty object principal"}},
		{EmptySidValue, Info{Suggestion, true, "Empty Sid value"}},
		{ImproveIPRange, Info{Suggestion, true, "Improve IP range"}},
		{NullWithQualifier, Info{Suggestion, true, "Null with qualifier"}},
		{PrivateIPAddressSubset, Info{Suggestion, true, "Private IP address subset"}},
		{RedundantAction, Info{Suggestion, true, "Redundant action"}},
		{RedundantResource, Info{Suggestion, true, "Redundant resource"}},
		{WildcardInServiceName, Info{Suggestion, true, "Wildcard in service name"}},
		{PrivateNotIPAddressSubset, Info{Suggestion, true, "Private NotIpAddress subset"}},
		{RedundantConditionValueNum, Info{Suggestion, true, "Redundant condition value num"}},
		{RedundantStatement, Info{Suggestion, true, "Redundant statement"}},
		{AllowWithUnsupportedTagConditionKey, Info{Suggestion, true, "Allow with unsupported tag condition key for service"}},
		{AllowNotActionWithUnsupportedTagConditionKey, Info{Suggestion, true, "Allow NotAction with unsupported tag condition key for service"}},
		{RecommendedConditionKeyForServicePrincipal, Info{Suggestion, true, "Recommended condition key for service principal"}},
		{IrrelevantConditionKeyInPolicy, Info{Suggestion, true, "Irrelevant condition key in policy"}},
		{RedundantPrincipalInRoleTrustPolicy, Info{Suggestion, true, "Redundant principal in role trust policy"}},
		{ConfirmAudienceClaimType, Info{Suggestion, true, "Confirm audience claim type"}},
	}
}

// Position is a place in the document, as Access Analyzer gives it: a
// line from 1, a column from 0 and an offset from 0 (in bytes).
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// Span is a part of the document: from Start to just before End.
type Span struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// PathElement is one step of a path through the document's JSON: exactly
// one field is set, as in Access Analyzer's union.
type PathElement struct {
	Index *int    `json:"index,omitempty"`
	Key   *string `json:"key,omitempty"`
	Value *string `json:"value,omitempty"`
}

func (e PathElement) String() string {
	switch {
	case e.Index != nil:
		return "[" + strconv.Itoa(*e.Index) + "]"
	case e.Key != nil:
		return "." + *e.Key
	case e.Value != nil:
		return "." + *e.Value
	}
	return ""
}

// Location is where a finding is: a path and a span.
type Location struct {
	Path []PathElement `json:"path"`
	Span Span          `json:"span"`
}

// PathString renders the path as "Statement[0].Action[1]".
func (l Location) PathString() string {
	var b strings.Builder
	for _, e := range l.Path {
		b.WriteString(e.String())
	}
	return strings.TrimPrefix(b.String(), ".")
}

// Finding is one finding, in Access Analyzer's ValidatePolicyFinding shape.
type Finding struct {
	FindingDetails string      `json:"findingDetails"`
	FindingType    FindingType `json:"findingType"`
	IssueCode      Code        `json:"issueCode"`
	LearnMoreLink  string      `json:"learnMoreLink"`
	Locations      []Location  `json:"locations"`
}
