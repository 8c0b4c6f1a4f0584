// Package complete says what fits at a place in a policy document that
// someone is still typing: the completions an editor offers.
//
// [At] takes the document's text and the cursor (a byte offset), reads
// the half-typed JSON around it with a forgiving scan — the engine's JSON
// reader rightly refuses an unfinished document — and returns a [Result]:
// the kind of place the cursor is in ([Place]), the range the chosen item
// replaces, and the [Item]s that fit there. [AtPath] does the same for a
// place named by its JSON path ("Statement[0].Action") and what is typed
// there.
//
// # What fits where
//
// Inside a string, it offers:
//
//   - [Element]: member names — Version, Id and Statement; a statement's
//     elements, those the policy type accepts (Principal only in the types
//     that name principals, no Resource in a role trust policy …); AWS,
//     Service, Federated and CanonicalUser in Principal;
//   - [Version] and [Effect]: their values;
//   - [Service] and [Action]: service prefixes until a colon is typed,
//     then the service's actions with their access levels;
//   - [Resource]: the ARN formats of the resource types of the
//     statement's actions;
//   - [Operator]: every condition operator, with IfExists and the
//     ForAllValues:/ForAnyValue: qualifiers (plugin operators are the
//     editor's own);
//   - [ConditionKey]: the condition keys of the statement's actions and
//     the global ones, with their types, those that suit the operator
//     ranked first;
//   - [Value]: true and false for Bool and Null;
//   - [Principal]: the forms of principals — account, role, user and
//     session ARNs, service principals, identity providers.
//
// Variable parts of ARNs and condition keys are written as ${Name}
// fields ([Item.Snippet]), the action catalog's own notation.
//
// Everything comes from the action catalog (package catalog) and the
// condition operators (package condition); nothing is cached here, so
// callers keep the decoded [*catalog.Catalog] and pass it in [Options].
// No input makes At panic: a cursor outside the text, malformed JSON and
// stray bytes all get an answer.
package complete
