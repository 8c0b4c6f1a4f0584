// Package condition compiles and evaluates the operators of a policy
// statement's Condition element: "StringEquals": {"aws:username": "johndoe"}
// and the rest of reference_policies_elements_condition_operators.md.
//
// A policy parser reads each operator name with [ParseName] and compiles
// each key and its values with [Compile] into a [Condition]; a statement's
// conditions form a [Block]. The evaluator calls [Block.Eval] with the
// request's context keys (a [pattern.Context]); evaluation does not allocate.
//
// # Operator names
//
// A [Name] is an [Operator], an optional [SetQualifier] prefix and an
// optional IfExists suffix: "ForAnyValue:StringLikeIfExists". Names are
// case-sensitive. The policy grammar (reference_policies_grammar.md) lists
// them with one spelling, and IAM refuses other spellings: a policy with
// "stringEquals" fails with MalformedPolicyDocument, "Invalid Condition
// type". An unknown name is an error wrapping [ErrUnknownOperator]; so is
// NullIfExists, since Null already tests whether the key exists.
//
// # Keys and values
//
// A condition key is a service prefix, a colon and a name: aws:username,
// s3:prefix, aws:PrincipalTag/team-name, accounts.google.com:aud. It is kept
// as written, for display, and looked up case-insensitively: key names are
// not case-sensitive (reference_policies_elements_condition.md).
//
// Policy values arrive as strings (JSON numbers and booleans as their JSON
// text) and [Compile] checks each for the operator's type; a [*ValueError]
// names the first bad value by index:
//
//   - String operators: any text. StringLike and StringNotLike read * and ?
//     as wildcards; the IgnoreCase operators compare with Unicode case
//     folding; the others compare exactly.
//   - Numeric: an integer or decimal, "10", "-3", "2.5" (no exponents).
//     Numbers compare as float64, so integers beyond 2^53 lose precision.
//   - Date: the W3C profile of ISO 8601 that the operators page asks for,
//     2020-01-01, 2020-01-01T10:30Z, 2020-01-01T10:30:15Z,
//     2020-01-01T10:30:15.250+02:00 (a time of day needs a zone), or epoch
//     seconds, 1577836800. A value of digits only is epoch seconds, so the
//     W3C forms for a year or a month alone (2020, 2020-01) are not dates
//     here. Dates compare as instants, so 2020-01-01T02:00:00+02:00 equals
//     2020-01-01.
//   - Bool, and Null: "true" or "false" in any letter case.
//   - IpAddress, NotIpAddress: an IPv4 or IPv6 address or CIDR range; a bare
//     address is /32 or /128.
//   - BinaryEquals: standard base64, padded.
//   - ARN operators: "*" or an ARN whose six parts may each hold wildcards.
//     ArnEquals and ArnLike behave identically, as do ArnNotEquals and
//     ArnNotLike.
//
// # Policy variables
//
// When Compile is told that variables are live (policies of Version
// 2012-10-17), "${aws:username}" in a value of a String or ARN operator is a
// policy variable (reference_policies_variables.md). In the other families —
// Numeric, Date, Bool, IP address, Binary, Null — it is not: the variables
// page says "You can't use a policy variable with other operators", and
// IAM Access Analyzer reports one as INVALID_VARIABLE_FOR_OPERATOR ("Policy
// variables can only be used with String and ARN operators"). The
// operators page says Bool takes them; two sources against one, we follow
// the variables page. Such a value is literal text, nothing is substituted,
// and no request value of the operator's type equals it: it matches
// nothing, and it is not a type error either, so the policy is accepted.
// A Bool condition whose only value is "${aws:ViaAWSService}" never holds;
// a negated operator such as NumericNotEquals holds for every readable
// request value, since none equals the text.
//
// A variable with no value in the request makes its policy value "effectively
// null" ("Policy variables with no value"): it matches no request value. So
// StringEquals against it does not hold, and its outcome is [Unresolved];
// StringNotEquals against it holds, as that section says inverted operators
// do, which is what makes its example deny work.
//
// # Evaluation
//
// The values of one key are OR'ed: a positive operator holds when the
// request value matches any policy value; a negated operator (StringNotEquals,
// StringNotEqualsIgnoreCase, StringNotLike, NumericNotEquals, DateNotEquals,
// NotIpAddress, ArnNotEquals, ArnNotLike) holds when it matches none of them
// (reference_policies_multi-value-conditions.md).
//
// A key that is absent from the request, or present with no values, is
// absent: a positive operator is false ([KeyMissing]), a negated operator is
// true, and with IfExists any operator is true. Null "true" holds when the key
// is absent and Null "false" when it is present. An empty string is a value
// like any other.
//
// A request key with several values and no set qualifier: a positive
// operator holds when any request value matches (as ForAnyValue); a negated
// operator holds when no request value matches any policy value (as
// ForAllValues with the negated operator). IAM's docs want a qualifier for
// multivalued keys and do not say what happens without one; this is the
// reading under which "StringNotEquals" still means "none of these".
//
// ForAnyValue holds when at least one request value satisfies the operator
// (negated operators included: ForAnyValue:StringNotEquals holds when some
// request value equals none of the policy values); an absent key makes it
// false. ForAllValues holds when every request value satisfies the operator,
// and so it holds when the key is absent or has no values. That is why
// ForAllValues with an Allow effect is risky: a request that leaves out the
// key satisfies the condition. Pair it with a Null check, or with
// ForAnyValue. IfExists combines with both: an absent key makes the
// condition true, a present one is checked as without IfExists. Null with a
// set qualifier is constant, as IAM Access Analyzer reports:
// ForAllValues:Null always holds and ForAnyValue:Null never does.
//
// A request value that cannot be read as the operator's type ("abc" for a
// Numeric operator, "yes" for Bool, a malformed IP address or base64 text,
// a malformed date) satisfies neither the operator nor its negation: it
// never matches, and a negated operator does not hold for it either, so
// NumericNotEquals with only the request value "abc" is false
// ([BadContextValue]), not true. A type error is not evidence that values
// differ. An ARN request value is compared as text, so it is never
// unreadable. Bool compares "true" and "false" ignoring case; IpAddress
// compares IPv4-mapped IPv6 addresses (::ffff:203.0.113.5) as the IPv4
// address; BinaryEquals reads request values as base64 too and compares the
// decoded bytes.
//
// # Plugin operators
//
// Operators that AWS does not have come from outside the engine, usually
// WebAssembly plugins (see plugins/ at the top of the repository). They are
// named in their own namespace, "Plugin:" and a name, so they can never be
// mistaken for AWS's: "Plugin:CidrOverlaps". The name is 1 to 64 ASCII
// letters and digits starting with a capital letter and not ending in
// IfExists ([ValidPluginName]). The set qualifiers and IfExists work as for
// AWS's operators: "ForAnyValue:Plugin:RegexMatchIfExists".
//
// A plugin operator is a [Custom]: asked about one request value and the
// policy's values, it answers match, no match, or an error. It is a
// positive operator, so the rules above apply unchanged: an absent key
// makes it false ([KeyMissing]) unless IfExists or ForAllValues make it
// true; without a qualifier or with ForAnyValue one matching request value
// is enough; with ForAllValues every one must match. Policy values are
// passed as written, and may not hold policy variables in 2012-10-17
// policies. An operator that is also a [Validator] checks the policy's
// values when the policy is compiled.
//
// Where a policy may use plugin operators, the policy parser is given an
// [Operators] registry, which belongs to an engine value (a plugin host),
// never to this package. [ParseName] reads a Plugin name for its form only;
// a name that no registry provides is refused by the parser, as IAM
// refuses an unknown operator. [Compile] refuses Plugin names;
// [CompileCustom] compiles them with the operator the registry gave.
//
// An operator that returns an error, or panics, gives the outcome
// [OperatorFailed] and an [*OperatorError] ([Condition.EvalErr],
// [Block.EvalErr]). The error ends the evaluation of the key: one request
// value that fails fails the condition, even when another matched. Within a
// [Block] the built-in operators are evaluated first and the plugin
// operators after them, so a statement that a built-in condition rules out
// never calls a plugin, and a failure is reported only when every other
// condition of the statement holds. The evaluator then fails closed: the
// request is denied, whatever the statement's Effect.
package condition
