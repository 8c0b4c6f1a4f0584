// Package summary summarizes a policy as the IAM console's policy summary
// does (access_policies_understand-policy-summary.md): per service, the
// access level granted — Full access, or Full and Limited per level (List,
// Read, Write, Permissions management, Tagging) — the resources and the
// request conditions, grouped into Explicit deny, Allow and Uncategorized
// services.
//
// # Reading a statement
//
// A statement's actions are expanded with the action catalog (package
// catalog); NotAction stands for every action it does not name, in every
// service. An action counts as granted (or denied) only when a resource of
// its statement can be one of the action's resource types, or is "*"
// (actions without resource types take only "*"); otherwise the service
// carries the console's warning "One or more actions do not have an
// applicable resource." (or "No resources are defined." when no action of
// the service has one). NotResource applies to every action. Conditions do
// not change what is counted: they are shown in the Request condition
// column, as the console shows them.
//
// # Choices
//
// Each section is summarized on its own, as the console does: an Allow
// does not lose the actions a Deny of the same policy removes. Services
// are named by the catalog's names ("Amazon S3"). A condition is written
// "KEY OPERATOR VALUE, VALUE"; more than one is "Multiple".
package summary
