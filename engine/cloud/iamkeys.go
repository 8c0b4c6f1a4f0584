package cloud

import (
	"errors"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
)

// boundaryKeyActions lists the IAM actions on a user or role that support
// iam:PermissionsBoundary, as IAM's service authorization data lists them
// (engine/catalog; a test keeps the two in step). For the actions that
// set a boundary (CreateUser, CreateRole, Put…PermissionsBoundary) the key
// is the boundary the request sets; for the others it is the boundary the
// user or role has.
func boundaryKeyActions() []string {
	return []string{
		"iam:AttachRolePolicy",
		"iam:AttachUserPolicy",
		"iam:CreateRole",
		"iam:CreateUser",
		"iam:DeleteRole",
		"iam:DeleteRolePermissionsBoundary",
		"iam:DeleteRolePolicy",
		"iam:DeleteUserPermissionsBoundary",
		"iam:DeleteUserPolicy",
		"iam:DetachRolePolicy",
		"iam:DetachUserPolicy",
		"iam:GetRole",
		"iam:PutRolePermissionsBoundary",
		"iam:PutRolePolicy",
		"iam:PutUserPermissionsBoundary",
		"iam:PutUserPolicy",
		"iam:UpdateAssumeRolePolicy",
		"iam:UpdateRole",
		"iam:UpdateRoleDescription",
	}
}

// requestBoundaryActions lists the actions whose iam:PermissionsBoundary is
// the boundary the request sets.
func requestBoundaryActions() []string {
	return []string{
		"iam:CreateUser",
		"iam:CreateRole",
		"iam:PutUserPermissionsBoundary",
		"iam:PutRolePermissionsBoundary",
	}
}

// requestKeyActions lists the operations whose request parameters become
// condition keys ([account.Request]).
func requestKeyActions() []string {
	return []string{
		"iam:CreateUser",
		"iam:CreateRole",
		"iam:PutUserPermissionsBoundary",
		"iam:PutRolePermissionsBoundary",
		"iam:AttachUserPolicy",
		"iam:AttachGroupPolicy",
		"iam:AttachRolePolicy",
		"iam:DetachUserPolicy",
		"iam:DetachGroupPolicy",
		"iam:DetachRolePolicy",
		"iam:TagUser",
		"iam:TagRole",
		"iam:UntagUser",
		"iam:UntagRole",
	}
}

// iamKeys gives the condition keys of IAM's own that an IAM operation's
// request carries (reference_policies_iam-condition-keys.md, and the
// service authorization data in engine/catalog for which action supports
// which):
//
//   - iam:PermissionsBoundary: the boundary CreateUser, CreateRole or
//     Put…PermissionsBoundary sets; for the other actions of
//     boundaryKeyActions, the boundary of the user or role acted on.
//   - iam:PolicyARN: the managed policy Attach…Policy or Detach…Policy
//     names.
//   - aws:RequestTag/KEY and aws:TagKeys: the tags CreateUser, CreateRole,
//     TagUser or TagRole sets; aws:TagKeys alone for UntagUser and
//     UntagRole, the keys they remove.
//   - aws:ResourceTag/KEY and iam:ResourceTag/KEY: the tags of the user or
//     role acted on (every IAM action on a user or role supports both).
//
// The request is learned by running op on a probe of the account
// ([account.Account.Probe]), which notes it and changes nothing; op may be
// nil (a read) and a, when the account is unknown.
func iamKeys(a *account.Account, action, resource string, op func(*account.Account) error) []eval.Entry {
	if a == nil {
		return nil
	}
	var keys []eval.Entry
	add := func(key string, typ eval.ValueType, v ...string) {
		keys = append(keys, eval.Entry{Key: key, Type: typ, Values: v})
	}
	if op != nil && slices.Contains(requestKeyActions(), action) {
		probe, noted := a.Probe()
		if err := op(probe); errors.Is(err, account.ErrProbed) {
			req, _ := noted()
			if req.PermissionsBoundary != "" {
				add("iam:PermissionsBoundary", eval.String, req.PermissionsBoundary)
			}
			if req.PolicyARN != "" {
				add("iam:PolicyARN", eval.String, req.PolicyARN)
			}
			var tagKeys []string
			for _, t := range req.Tags {
				add("aws:RequestTag/"+t.Key, eval.String, t.Value)
				tagKeys = append(tagKeys, t.Key)
			}
			tagKeys = append(tagKeys, req.TagKeys...)
			if len(tagKeys) > 0 {
				add("aws:TagKeys", eval.StringList, tagKeys...)
			}
		}
	}
	boundary, tags, ok := iamEntity(a, resource)
	if !ok {
		return keys
	}
	if boundary != "" && slices.Contains(boundaryKeyActions(), action) && !slices.Contains(requestBoundaryActions(), action) {
		add("iam:PermissionsBoundary", eval.String, boundary)
	}
	for _, t := range tags {
		add("aws:ResourceTag/"+t.Key, eval.String, t.Value)
		add("iam:ResourceTag/"+t.Key, eval.String, t.Value)
	}
	return keys
}

// iamEntity finds the user or role an IAM ARN names in a, and gives its
// permissions boundary and tags.
func iamEntity(a *account.Account, resource string) (boundary string, tags []account.Tag, ok bool) {
	rest, found := strings.CutPrefix(resource, "arn:aws:iam::"+a.ID()+":")
	if !found {
		return "", nil, false
	}
	name := rest[strings.LastIndexByte(rest, '/')+1:]
	switch {
	case strings.HasPrefix(rest, "user/"):
		out, err := a.GetUser(account.GetUserInput{UserName: name})
		if err != nil || !strings.EqualFold(out.User.Arn, resource) {
			return "", nil, false
		}
		if b := out.User.PermissionsBoundary; b != nil {
			boundary = b.PermissionsBoundaryArn
		}
		return boundary, out.User.Tags, true
	case strings.HasPrefix(rest, "role/"):
		out, err := a.GetRole(account.GetRoleInput{RoleName: name})
		if err != nil || !strings.EqualFold(out.Role.Arn, resource) {
			return "", nil, false
		}
		if b := out.Role.PermissionsBoundary; b != nil {
			boundary = b.PermissionsBoundaryArn
		}
		return boundary, out.Role.Tags, true
	}
	return "", nil, false
}
