package validate

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/jsonpos"
	"github.com/iamlab/iamlab/engine/policy"
)

// The checks of this file look at a statement as a whole: its principals
// with its actions and condition keys.

// trust checks a role trust policy's statement: actions that do not fit
// its principals, federated principals left without conditions, IAM
// Roles Anywhere's actions, redundant session principals, and session
// tag keys without sts:TagSession.
func (c *checker) trust(s *stmt) {
	if c.typ != policy.Trust {
		return
	}
	c.mismatchedActions(s)
	if s.allow {
		c.rolesAnywhere(s)
		c.federatedConditions(s)
		c.tagSessionKeys(s)
	}
	c.redundantSessionPrincipals(s)
	for _, k := range s.conds {
		if k.op.Set != condition.None && strings.HasSuffix(strings.ToLower(k.kv.Key), ":aud") && !strings.HasPrefix(strings.ToLower(k.kv.Key), "aws:") {
			c.addKey(ConfirmAudienceClaimType, fmt.Sprintf("The 'aud' (audience) claim %s names the recipients the token is meant for. Audience claims can be multivalued or single-valued: if this provider's is multivalued, keep the %s qualifier; if it is single-valued, remove the qualifier.", k.kv.Key, k.op.Set), k.path, k.kv)
		}
	}
}

// mismatchedActions reports an AssumeRole action named for principals
// that cannot call it: AssumeRoleWithSAML is for SAML providers,
// AssumeRoleWithWebIdentity for OIDC providers, and AssumeRole for
// anything but a federated provider.
func (c *checker) mismatchedActions(s *stmt) {
	if s.notAct || len(s.principals) == 0 {
		return
	}
	for _, e := range s.actions {
		if e.wildcard {
			continue
		}
		var fits func(p principalEntry) bool
		switch strings.ToLower(e.text) {
		case "sts:assumerole":
			fits = func(p principalEntry) bool { return p.key != "Federated" }
		case "sts:assumerolewithsaml":
			fits = func(p principalEntry) bool { return p.key == "Federated" && federatedKind(p.text) == "saml" }
		case "sts:assumerolewithwebidentity":
			fits = func(p principalEntry) bool { return p.key == "Federated" && federatedKind(p.text) == "oidc" }
		default:
			continue
		}
		var bad []string
		for _, p := range s.principals {
			if !fits(p) {
				bad = append(bad, p.text)
			}
		}
		if len(bad) > 0 {
			c.add(MismatchedActionForPrincipal, fmt.Sprintf("The %s action is invalid with the following principal(s): %s. Use a SAML provider principal with the sts:AssumeRoleWithSAML action, an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action, and other principals with sts:AssumeRole.", e.text, strings.Join(bad, ", ")), e.path, e.v)
		}
	}
}

// rolesAnywhere reports a trust of IAM Roles Anywhere that lacks one of
// the three actions it needs.
func (c *checker) rolesAnywhere(s *stmt) {
	for _, p := range s.principals {
		if p.key != "Service" || p.text != "rolesanywhere.amazonaws.com" {
			continue
		}
		var missing []string
		for _, a := range []string{"sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"} {
			if explicit, wild := s.grants(a); !explicit && !wild {
				missing = append(missing, a)
			}
		}
		if len(missing) > 0 {
			c.add(MissingActionForRolesAnywhere, fmt.Sprintf("The rolesanywhere.amazonaws.com service principal requires the sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession permissions to assume a role. Add the missing permissions to the policy: %s.", strings.Join(missing, ", ")), p.path, p.v)
		}
	}
}

// federatedConditions reports OIDC principals trusted without a condition
// on their own keys, and GitHub's without a specific repository.
func (c *checker) federatedConditions(s *stmt) {
	for _, p := range s.principals {
		if p.key != "Federated" || federatedKind(p.text) != "oidc" {
			continue
		}
		host := strings.ToLower(oidcHost(p.text))
		if host == "token.actions.githubusercontent.com" {
			sub := false
			for _, k := range s.conds {
				if !strings.EqualFold(k.kv.Key, host+":sub") {
					continue
				}
				sub = true
				vals, paths := condStrings(k.kv, k.path)
				for i, v := range vals {
					if strings.ContainsAny(v.Text, "*?") && k.op.Op != condition.StringNotLike {
						c.add(SpecificGitHubRepoAndBranchRecommended, fmt.Sprintf("Using a wildcard (*) in token.actions.githubusercontent.com:sub (%s) can allow requests from more sources than you intended. Specify the value with the repository and branch name.", v.Text), paths[i], v)
					}
				}
			}
			if !sub {
				c.add(MissingGitHubRepoConditionKey, "Granting a federated GitHub principal permissions without a condition key can allow more sources to assume the role than you intended: any repository's workflows. Add the token.actions.githubusercontent.com:sub condition key and specify the branch and repository name in the value.", p.path, p.v)
			}
			continue
		}
		found := false
		for _, k := range s.conds {
			if strings.HasPrefix(strings.ToLower(k.kv.Key), host+":") {
				found = true
			}
		}
		if !found {
			c.add(MissingConditionKeyForOIDCPrincipal, fmt.Sprintf("Using an OpenID Connect principal without a condition can be overly permissive. Add condition keys with the prefix %s: (such as %s:aud) to ensure that only the intended identities assume the role.", oidcHost(p.text), oidcHost(p.text)), p.path, p.v)
		}
	}
}

// tagSessionKeys reports session tag keys in a statement that does not
// allow sts:TagSession: the tags are set by that action, so without it
// the request that carries them is refused.
func (c *checker) tagSessionKeys(s *stmt) {
	if s.notAct {
		return
	}
	if explicit, wild := s.grants("sts:TagSession"); explicit || wild {
		return
	}
	for _, k := range s.conds {
		l := strings.ToLower(k.kv.Key)
		if strings.HasPrefix(l, "aws:requesttag/") || l == "aws:tagkeys" || l == "sts:transitivetagkeys" {
			c.addKey(MissingActionForConditionKey, fmt.Sprintf("The sts:TagSession action must be in the action block to allow setting values for the condition key %s. Add sts:TagSession to the action block.", k.kv.Key), k.path, k.kv)
		}
	}
}

// redundantSessionPrincipals suggests removing an assumed-role principal
// whose role the statement already names.
func (c *checker) redundantSessionPrincipals(s *stmt) {
	roles := map[string]string{}
	for _, p := range s.principals {
		if p.key != "AWS" {
			continue
		}
		f := strings.SplitN(p.text, ":", 6)
		if len(f) == 6 && f[2] == "iam" && strings.HasPrefix(f[5], "role/") {
			roles[f[4]+"/"+f[5][strings.LastIndexByte(f[5], '/')+1:]] = p.text
		}
	}
	for _, p := range s.principals {
		f := strings.SplitN(p.text, ":", 6)
		if p.key != "AWS" || len(f) < 6 || f[2] != "sts" || !strings.HasPrefix(f[5], "assumed-role/") {
			continue
		}
		parts := strings.Split(f[5], "/")
		if len(parts) != 3 {
			continue
		}
		if role, ok := roles[f[4]+"/"+parts[1]]; ok {
			c.add(RedundantPrincipalInRoleTrustPolicy, fmt.Sprintf("The assumed-role principal %s is redundant with its parent role %s. Remove the assumed-role principal.", p.text, role), p.path, p.v)
		}
	}
}

// sourceKeys are the keys that tie a service principal's access to the
// resource or account it acts for.
var sourceKeys = [...]string{"aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"}

// servicePrincipalKeys are keys a service principal's requests never
// carry: they describe an IAM principal.
func servicePrincipalKeys() []string {
	return []string{"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn", "aws:principaltag/"}
}

// servicePrincipals checks statements that name AWS services as
// principals: keys that never apply to them, and, in resource policies,
// access not tied to a source account or resource.
func (c *checker) servicePrincipals(s *stmt) {
	var first *principalEntry
	all := len(s.principals) > 0
	for i, p := range s.principals {
		if p.key == "Service" {
			if first == nil {
				first = &s.principals[i]
			}
		} else {
			all = false
		}
	}
	if first == nil {
		return
	}
	if all {
		for _, k := range s.conds {
			l := strings.ToLower(k.kv.Key)
			for _, u := range servicePrincipalKeys() {
				if l == u || strings.HasSuffix(u, "/") && strings.HasPrefix(l, u) {
					c.addKey(UnsupportedConditionKeyForServicePrincipal, fmt.Sprintf("The following condition keys are not supported when used with the service principal: %s. A service's requests carry no such key, so the condition never matches as intended.", k.kv.Key), k.path, k.kv)
				}
			}
		}
	}
	if c.typ != policy.Resource || !s.allow {
		return
	}
	for _, k := range s.conds {
		for _, sk := range sourceKeys {
			if strings.EqualFold(k.kv.Key, sk) {
				return
			}
		}
	}
	if len(s.conds) == 0 {
		c.add(RestrictAccessToServicePrincipal, fmt.Sprintf("Granting access to the service principal %s without specifying a source is overly permissive: the service could act for any account. Use the aws:SourceArn or aws:SourceAccount condition key to scope access to a specific source.", first.text), first.path, first.v)
		return
	}
	k := s.conds[0]
	c.addKey(RecommendedConditionKeyForServicePrincipal, fmt.Sprintf("To restrict access to the service principal %s operating on your behalf, we recommend aws:SourceArn or aws:SourceAccount instead of %s.", first.text, k.kv.Key), k.path, k.kv)
}

// pairedKeys reports aws:VpcSourceIp used without aws:SourceVpc: the same
// private address exists in many VPCs.
func (c *checker) pairedKeys(s *stmt) {
	if !s.allow {
		return
	}
	for _, k := range s.conds {
		if !strings.EqualFold(k.kv.Key, "aws:VpcSourceIp") {
			continue
		}
		if s.hasKey("aws:SourceVpc") || s.hasKey("aws:SourceVpce") {
			return
		}
		c.addKey(MissingPairedConditionKeys, "Using the condition key aws:VpcSourceIp can be overly permissive without also using the following condition keys: aws:SourceVpc. The same private address range exists in many VPCs, in other accounts too. We recommend that you add the related condition keys to the same condition block.", k.path, k.kv)
		return
	}
}

// irrelevantKeys suggests moving keys about the resource's account out of
// resource-based policies: a resource policy is always in that account.
func (c *checker) irrelevantKeys(s *stmt) {
	if c.typ != policy.Resource {
		return
	}
	for _, k := range s.conds {
		if strings.EqualFold(k.kv.Key, "s3:ResourceAccount") || strings.EqualFold(k.kv.Key, "aws:ResourceAccount") {
			c.addKey(IrrelevantConditionKeyInPolicy, fmt.Sprintf("The condition key %s is not relevant for a resource policy: the resource it is attached to always belongs to the account that owns the policy. Use this key in an identity-based policy to govern access to resources.", k.kv.Key), k.path, k.kv)
		}
	}
}

// condStrings lists a condition key's string values with their paths
// (path is the key's; an array's values add their index).
func condStrings(kv *jsonpos.Member, path []PathElement) ([]*jsonpos.Value, [][]PathElement) {
	v := kv.Value
	if v.Kind == jsonpos.String {
		return []*jsonpos.Value{v}, [][]PathElement{path}
	}
	var vals []*jsonpos.Value
	var paths [][]PathElement
	if v.Kind == jsonpos.Array {
		for i, e := range v.Elems {
			if e.Kind == jsonpos.String {
				vals = append(vals, e)
				paths = append(paths, pi(path, i))
			}
		}
	}
	return vals, paths
}
