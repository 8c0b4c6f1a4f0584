package cloud

import (
	"errors"
	"strings"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
)

// boundaryKeyActions are the IAM actions on a user or role that support
// iam:PermissionsBoundary, as IAM's service authorization data lists them
// (engine/catalog; a test keeps the two in step). For the actions that
// set a boundary (CreateUser, CreateRole, Put…PermissionsBoundary) the key
// is the boundary the request sets; for the others it is the boundary the
// user or role has.
var boundaryKeyActions = map[string]bool{
	"iam:AttachRolePolicy":              true,
	"iam:AttachUserPolicy":              true,
	"iam:CreateRole":                    true,
	"iam:CreateUser":                    true,
	"iam:DeleteRole":                    true,
	"iam:DeleteRolePermissionsBoundary": true,
	"iam:DeleteRolePolicy":              true,
	"iam:DeleteUserPermissionsBoundary": true,
	"iam:DeleteUserPolicy":              true,
	"iam:DetachRolePolicy":              true,
	"iam:DetachUserPolicy":              true,
	"iam:GetRole":                       true,
	"iam:PutRolePermissionsBoundary":    true,
	"iam:PutRolePolicy":                 true,
	"iam:PutUserPermissionsBoundary":    true,
	"iam:PutUserPolicy":                 true,
	"iam:UpdateAssumeRolePolicy":        true,
	"iam:UpdateRole":                    true,
	"iam:UpdateRoleDescription":         true,
}

// requestBoundaryActions set the boundary they carry in iam:PermissionsBoundary.
var requestBoundaryActions = map[string]bool{
	"iam:CreateUser":                 true,
	"iam:CreateRole":                 true,
	"iam:PutUserPermissionsBoundary": true,
	"iam:PutRolePermissionsBoundary": true,
}

// requestKeyActions are the operations whose request parameters become
// condition keys ([account.Request]).
var requestKeyActions = map[string]bool{
	"iam:CreateUser":                 true,
	"iam:CreateRole":                 true,
	"iam:PutUserPermissionsBoundary": true,
	"iam:PutRolePermissionsBoundary": true,
	"iam:AttachUserPolicy":           true,
	"iam:AttachGroupPolicy":          true,
	"iam:AttachRolePolicy":           true,
	"iam:DetachUserPolicy":           true,
	"iam:DetachGroupPolicy":          true,
	"iam:DetachRolePolicy":           true,
	"iam:TagUser":                    true,
	"iam:TagRole":                    true,
	"iam:UntagUser":                  true,
	"iam:UntagRole":                  true,
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
	if op != nil && requestKeyActions[action] {
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
	if boundary != "" && boundaryKeyActions[action] && !requestBoundaryActions[action] {
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
