package scenario

import "fmt"

// checkFederated refuses the clauses AssumeRoleWithWebIdentity and
// AssumeRoleWithSAML do not take (sts.json: both take DurationSeconds,
// Policy and PolicyArns; web identity a RoleSessionName too): their session
// tags, source identity and MFA come from the token or the assertion, and
// they have no external ID.
func checkFederated(s *Assume) *Error {
	api := ""
	for _, c := range s.Clauses {
		switch {
		case c.WebIdentity != nil:
			api = "AssumeRoleWithWebIdentity (with web-identity)"
		case c.SAML != nil:
			api = "AssumeRoleWithSAML (with saml)"
		}
	}
	if api == "" {
		return nil
	}
	for _, c := range s.Clauses {
		name := ""
		switch {
		case c.ExternalID != nil:
			name = "external-id"
		case c.Tags != nil:
			name = "tags"
		case c.Transitive != nil:
			name = "transitive"
		case c.SourceIdentity != nil:
			name = "source-identity"
		case c.MFA != nil:
			name = "with mfa"
		case c.Password != nil:
			name = "password"
		case c.Region != nil:
			name = "in"
		}
		if name != "" {
			return &Error{Pos: Pos(c.Pos), Msg: fmt.Sprintf("%s takes no %s clause: it takes session, duration, policy and policy-arns (session tags, source identity and MFA come from the token or assertion)", api, name)}
		}
	}
	return nil
}
