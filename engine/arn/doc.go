// Package arn parses Amazon Resource Names and matches them against the
// resource patterns of the policy language.
//
// # ARNs
//
// An ARN has six colon-separated parts,
//
//	arn:partition:service:region:account-id:resource
//
// where the resource, everything after the fifth colon, may itself hold
// colons and slashes. [Parse] checks the shape and says exactly what is
// wrong; [IsARN], [AccountOf] and [IsAccountID] answer the common questions
// without allocating.
//
// # Patterns
//
// A [Pattern] is the value of a Resource or NotResource element, or of an
// ArnEquals, ArnLike, ArnNotEquals or ArnNotLike condition: either "*", which
// matches any string at all, or an ARN whose six parts are each a
// [pattern.Pattern] with wildcards and, in policies of version 2012-10-17,
// policy variables. The parts are matched separately, so a '*' in the region
// never reaches past the next colon, while a '*' in the resource part
// crosses '/' and ':' freely. Resources are compared case-sensitively.
package arn
