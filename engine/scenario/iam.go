package scenario

import (
	"encoding/json"
	"strings"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/cloud"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/mfa"
)

// iam runs an IAM operation as a: the cloud authorizes it first. The
// scenario's operator (a statement without "as") sets the world up
// directly on the control plane, without authorization.
func (w *world) iam(a *actor, action, resource string, op func(*account.Account) error) outcome {
	return w.iamWithKeys(a, action, resource, nil, op)
}

// iamWithKeys is iam for an operation whose request carries condition keys
// of its own (iam:AWSServiceName).
func (w *world) iamWithKeys(a *actor, action, resource string, keys []eval.Entry, op func(*account.Account) error) outcome {
	if a.operator {
		err := w.cloud.Admin(func(st *cloud.State) error {
			acc := st.Accounts[a.account]
			if acc == nil {
				return &scenarioError{msg: "no account " + a.account}
			}
			return op(acc)
		})
		if err != nil {
			w.report(err)
			return outcome{err: err}
		}
		return outcome{}
	}
	return w.called(w.cloud.IAMWithContext(a.region, a.creds, action, resource, keys, op))
}

// called is the outcome of a call to the cloud: its authorization result,
// kept as the last one (for why), and its error, reported.
func (w *world) called(res *cloud.Result, err error) outcome {
	if res != nil {
		w.last = res
	}
	if err != nil {
		w.report(err)
		return outcome{err: err, result: res}
	}
	return outcome{result: res}
}

// document reads a body: inline JSON, or a file.
func (w *world) document(b *Body) (string, error) {
	if b.File == nil {
		return b.JSON, nil
	}
	name := b.File.Text()
	if w.opts.ReadFile == nil {
		return "", w.errAt(b.File, "cannot read %q: this run reads no files", name)
	}
	data, err := w.opts.ReadFile(name)
	if err != nil {
		return "", w.errAt(b.File, "cannot read %q: %v", name, err)
	}
	return string(data), nil
}

func accountTags(t *TagList) []account.Tag {
	if t == nil {
		return nil
	}
	out := make([]account.Tag, 0, len(t.Tags))
	for _, tag := range t.Tags {
		out = append(out, account.Tag{Key: tag.Key.Text(), Value: tag.Value.Text()})
	}
	return out
}

// control is an account's state on the control plane, for looking names
// up; nil if there is no such account.
func (w *world) control(acct string) *account.Account {
	return w.cloud.Control().Accounts[acct]
}

// entityARN is the ARN of a user, group or role by name, with its path
// when it exists.
func (w *world) entityARN(acct, kind, name string) string {
	if a := w.control(acct); a != nil {
		switch kind {
		case "user":
			if u, err := a.GetUser(account.GetUserInput{UserName: name}); err == nil {
				return u.User.Arn
			}
		case "group":
			if g, err := a.GetGroup(account.GetGroupInput{GroupName: name}); err == nil {
				return g.Group.Arn
			}
		case "role":
			if r, err := a.GetRole(account.GetRoleInput{RoleName: name}); err == nil {
				return r.Role.Arn
			}
		}
	}
	return "arn:aws:iam::" + acct + ":" + kind + "/" + name
}

// policyARN resolves a managed policy written as an ARN, as the name of a
// customer managed policy of the account, or as the name of an AWS
// managed policy.
func (w *world) policyARN(acct string, v *Value) string {
	text := v.Text()
	if strings.HasPrefix(text, "arn:") {
		return text
	}
	if arn, ok := w.policies[ukey(acct, text)]; ok {
		return arn
	}
	for _, p := range account.BuiltinAWSManagedPolicies() {
		if p.PolicyName == text {
			path := p.Path
			if path == "" {
				path = "/"
			}
			return "arn:aws:iam::aws:policy" + path + text
		}
	}
	if arn := catalogARN(text); arn != "" {
		return arn
	}
	return cloud.PolicyARN(acct, "/", text)
}

func (w *world) user(a *actor, s *User) outcome {
	name := s.Name.Text()
	in := account.CreateUserInput{UserName: name}
	var groups []*Value
	for _, c := range s.Clauses {
		switch {
		case c.Path != nil:
			in.Path = c.Path.Text()
		case c.Groups != nil:
			groups = append(groups, c.Groups...)
		case c.Boundary != nil:
			in.PermissionsBoundary = w.policyARN(a.account, c.Boundary)
		case c.Tags != nil:
			in.Tags = accountTags(c.Tags)
		default:
			return w.fail(&scenarioError{pos: Pos(c.Pos), msg: "a user takes path, in group, boundary and tags"})
		}
	}
	var out *account.CreateUserOutput
	o := w.iam(a, "iam:CreateUser", cloud.UserARN(a.account, in.Path, name), func(acc *account.Account) (err error) {
		out, err = acc.CreateUser(in)
		return err
	})
	if o.err != nil {
		return o
	}
	w.say("created user %s (%s)", out.User.Arn, out.User.UserId)
	for _, g := range groups {
		if o = w.addToGroup(a, name, g.Text()); o.err != nil {
			return o
		}
	}
	return o
}

func (w *world) addToGroup(a *actor, user, group string) outcome {
	o := w.iam(a, "iam:AddUserToGroup", w.entityARN(a.account, "group", group), func(acc *account.Account) error {
		return acc.AddUserToGroup(account.GroupMembershipInput{GroupName: group, UserName: user})
	})
	if o.err == nil {
		w.say("added %s to group %s", user, group)
	}
	return o
}

func (w *world) membership(a *actor, s *Membership) outcome {
	user, group := s.User.Text(), s.Group.Text()
	if s.Op == "add" {
		return w.addToGroup(a, user, group)
	}
	o := w.iam(a, "iam:RemoveUserFromGroup", w.entityARN(a.account, "group", group), func(acc *account.Account) error {
		return acc.RemoveUserFromGroup(account.GroupMembershipInput{GroupName: group, UserName: user})
	})
	if o.err == nil {
		w.say("removed %s from group %s", user, group)
	}
	return o
}

func (w *world) group(a *actor, s *Group) outcome {
	in := account.CreateGroupInput{GroupName: s.Name.Text(), Path: s.Path.Text()}
	var out *account.CreateGroupOutput
	o := w.iam(a, "iam:CreateGroup", cloud.GroupARN(a.account, in.Path, in.GroupName), func(acc *account.Account) (err error) {
		out, err = acc.CreateGroup(in)
		return err
	})
	if o.err == nil {
		w.say("created group %s (%s)", out.Group.Arn, out.Group.GroupId)
	}
	return o
}

func (w *world) role(a *actor, s *Role) outcome {
	in := account.CreateRoleInput{RoleName: s.Name.Text()}
	for _, c := range s.Clauses {
		switch {
		case c.Path != nil:
			in.Path = c.Path.Text()
		case c.Trust != nil:
			doc, err := w.document(c.Trust)
			if err != nil {
				return w.fail(err)
			}
			in.AssumeRolePolicyDocument = doc
		case c.MaxSession != nil:
			n, err := seconds(c.MaxSession)
			if err != nil {
				return w.fail(err)
			}
			in.MaxSessionDuration = n
		case c.Boundary != nil:
			in.PermissionsBoundary = w.policyARN(a.account, c.Boundary)
		case c.Description != nil:
			in.Description = c.Description.Text()
		case c.Tags != nil:
			in.Tags = accountTags(c.Tags)
		default:
			return w.fail(&scenarioError{pos: Pos(c.Pos), msg: "a role is in no group"})
		}
	}
	var out *account.CreateRoleOutput
	o := w.iam(a, "iam:CreateRole", cloud.RoleARN(a.account, in.Path, in.RoleName), func(acc *account.Account) (err error) {
		out, err = acc.CreateRole(in)
		return err
	})
	if o.err == nil {
		w.say("created role %s (%s)", out.Role.Arn, out.Role.RoleId)
	}
	return o
}

func (w *world) policy(a *actor, s *Policy) outcome {
	name := s.Name.Text()
	switch {
	case s.Version:
		doc, err := w.document(s.VersionBody)
		if err != nil {
			return w.fail(err)
		}
		arn := w.policyARN(a.account, s.Name)
		var out *account.CreatePolicyVersionOutput
		o := w.iam(a, "iam:CreatePolicyVersion", arn, func(acc *account.Account) (err error) {
			out, err = acc.CreatePolicyVersion(account.CreatePolicyVersionInput{PolicyArn: arn, PolicyDocument: doc, SetAsDefault: s.SetDefault})
			return err
		})
		if o.err == nil {
			def := ""
			if out.PolicyVersion.IsDefaultVersion {
				def = ", now the default"
			}
			w.say("created version %s of %s%s", out.PolicyVersion.VersionId, arn, def)
		}
		return o
	case s.Default != nil:
		arn := w.policyARN(a.account, s.Name)
		o := w.iam(a, "iam:SetDefaultPolicyVersion", arn, func(acc *account.Account) error {
			return acc.SetDefaultPolicyVersion(account.SetDefaultPolicyVersionInput{PolicyArn: arn, VersionId: s.Default.Text()})
		})
		if o.err == nil {
			w.say("%s is now the default version of %s", s.Default.Text(), arn)
		}
		return o
	}
	doc, err := w.document(s.Body)
	if err != nil {
		return w.fail(err)
	}
	in := account.CreatePolicyInput{PolicyName: name, Path: s.Path.Text(), PolicyDocument: doc}
	var out *account.CreatePolicyOutput
	o := w.iam(a, "iam:CreatePolicy", cloud.PolicyARN(a.account, in.Path, name), func(acc *account.Account) (err error) {
		out, err = acc.CreatePolicy(in)
		return err
	})
	if o.err == nil {
		w.policies[ukey(a.account, name)] = out.Policy.Arn
		w.say("created policy %s (%s), version %s", out.Policy.Arn, out.Policy.PolicyId, out.Policy.DefaultVersionId)
	}
	return o
}

func (w *world) inline(a *actor, s *Inline) outcome {
	doc, err := w.document(s.Body)
	if err != nil {
		return w.fail(err)
	}
	name, target := s.Name.Text(), s.Target.Text()
	arn := w.entityARN(a.account, s.Kind, target)
	var o outcome
	switch s.Kind {
	case "user":
		o = w.iam(a, "iam:PutUserPolicy", arn, func(acc *account.Account) error {
			return acc.PutUserPolicy(account.PutUserPolicyInput{UserName: target, PolicyName: name, PolicyDocument: doc})
		})
	case "group":
		o = w.iam(a, "iam:PutGroupPolicy", arn, func(acc *account.Account) error {
			return acc.PutGroupPolicy(account.PutGroupPolicyInput{GroupName: target, PolicyName: name, PolicyDocument: doc})
		})
	default:
		o = w.iam(a, "iam:PutRolePolicy", arn, func(acc *account.Account) error {
			return acc.PutRolePolicy(account.PutRolePolicyInput{RoleName: target, PolicyName: name, PolicyDocument: doc})
		})
	}
	if o.err == nil {
		w.say("put inline policy %s on %s %s", name, s.Kind, target)
	}
	return o
}

func (w *world) attach(a *actor, pv *Value, t *Target, attach bool) outcome {
	verb, past := "Attach", "attached"
	if !attach {
		verb, past = "Detach", "detached"
	}
	switch {
	case t.Root, t.Kind == "ou", t.Kind == "account":
		return w.orgAttach(pv, t, attach)
	}
	arn := w.policyARN(a.account, pv)
	name := t.Name.Text()
	target := w.entityARN(a.account, t.Kind, name)
	var op func(*account.Account) error
	switch t.Kind {
	case "user":
		in := account.UserPolicyAttachmentInput{UserName: name, PolicyArn: arn}
		op = func(acc *account.Account) error {
			if attach {
				return acc.AttachUserPolicy(in)
			}
			return acc.DetachUserPolicy(in)
		}
	case "group":
		in := account.GroupPolicyAttachmentInput{GroupName: name, PolicyArn: arn}
		op = func(acc *account.Account) error {
			if attach {
				return acc.AttachGroupPolicy(in)
			}
			return acc.DetachGroupPolicy(in)
		}
	default:
		in := account.RolePolicyAttachmentInput{RoleName: name, PolicyArn: arn}
		op = func(acc *account.Account) error {
			if attach {
				return acc.AttachRolePolicy(in)
			}
			return acc.DetachRolePolicy(in)
		}
	}
	if attach {
		op = withAWSPolicy(arn, op)
	}
	o := w.iam(a, "iam:"+verb+strings.ToUpper(t.Kind[:1])+t.Kind[1:]+"Policy", target, op)
	if o.err == nil {
		w.say("%s %s %s %s %s", past, arn, map[bool]string{true: "to", false: "from"}[attach], t.Kind, name)
	}
	return o
}

func (w *world) boundary(a *actor, s *Boundary) outcome {
	name := s.Target.Text()
	target := w.entityARN(a.account, s.Kind, name)
	if s.Policy.Text() == "none" {
		action := "iam:DeleteUserPermissionsBoundary"
		op := func(acc *account.Account) error {
			return acc.DeleteUserPermissionsBoundary(account.DeleteUserPermissionsBoundaryInput{UserName: name})
		}
		if s.Kind == "role" {
			action = "iam:DeleteRolePermissionsBoundary"
			op = func(acc *account.Account) error {
				return acc.DeleteRolePermissionsBoundary(account.DeleteRolePermissionsBoundaryInput{RoleName: name})
			}
		}
		o := w.iam(a, action, target, op)
		if o.err == nil {
			w.say("removed the permissions boundary of %s %s", s.Kind, name)
		}
		return o
	}
	arn := w.policyARN(a.account, s.Policy)
	action := "iam:PutUserPermissionsBoundary"
	op := func(acc *account.Account) error {
		return acc.PutUserPermissionsBoundary(account.PutUserPermissionsBoundaryInput{UserName: name, PermissionsBoundary: arn})
	}
	if s.Kind == "role" {
		action = "iam:PutRolePermissionsBoundary"
		op = func(acc *account.Account) error {
			return acc.PutRolePermissionsBoundary(account.PutRolePermissionsBoundaryInput{RoleName: name, PermissionsBoundary: arn})
		}
	}
	o := w.iam(a, action, target, withAWSPolicy(arn, op))
	if o.err == nil {
		w.say("%s is the permissions boundary of %s %s", arn, s.Kind, name)
	}
	return o
}

// keyOwner resolves the user of key and mfa statements: "root" or a user
// of the actor's account. It returns the user name IAM takes ("" for
// root), the scenario's key for it, and the ARN the action is on.
func (w *world) keyOwner(a *actor, v *Value) (user, key, arn string) {
	name := v.Text()
	if name == "root" {
		return "", ukey(a.account, "root"), "arn:aws:iam::" + a.account + ":root"
	}
	return name, ukey(a.account, name), w.entityARN(a.account, "user", name)
}

func (w *world) key(a *actor, s *Key) outcome {
	owner, n, err := w.numbered(s.Owner)
	if err != nil {
		return w.fail(err)
	}
	if n > 0 && s.Action == "" {
		return w.fail(w.errAt(s.Owner, "key %s creates a key for a user: write the user alone (USER#N names a key to change: key %s inactive)", s.Owner.Text(), s.Owner.Text()))
	}
	user, key, arn := w.keyOwner(a, &Value{Pos: s.Owner.Pos, Raw: owner})
	if s.Action == "" {
		var out *account.CreateAccessKeyOutput
		o := w.iam(a, "iam:CreateAccessKey", arn, func(acc *account.Account) (err error) {
			out, err = acc.CreateAccessKey(account.CreateAccessKeyInput{UserName: user})
			return err
		})
		if o.err != nil {
			return o
		}
		k := out.AccessKey
		creds := cloud.Credentials{AccessKeyID: k.AccessKeyId, SecretAccessKey: k.SecretAccessKey}
		// The root user's keys are kept as a user's are: root#1, root#2.
		w.keys[key] = append(w.keys[key], keyInfo{creds: creds})
		n := len(w.keys[key])
		w.say("created access key %s for %s (key #%d here), secret %s — shown this once", k.AccessKeyId, s.Owner.Text(), n, k.SecretAccessKey)
		return o
	}
	k, err := nth(w, s.Owner, w.keys[key], n, owner, "access key", "in this scenario", owner+" has no access key created by this scenario")
	if err != nil {
		return w.fail(err)
	}
	id := k.creds.AccessKeyID
	if s.Action == "delete" {
		o := w.iam(a, "iam:DeleteAccessKey", arn, func(acc *account.Account) error {
			return acc.DeleteAccessKey(account.DeleteAccessKeyInput{UserName: user, AccessKeyId: id})
		})
		if o.err == nil {
			w.say("deleted access key %s of %s", id, owner)
		}
		return o
	}
	status := statusOf(s.Action)
	o := w.iam(a, "iam:UpdateAccessKey", arn, func(acc *account.Account) error {
		return acc.UpdateAccessKey(account.UpdateAccessKeyInput{UserName: user, AccessKeyId: id, Status: status})
	})
	if o.err == nil {
		w.say("access key %s of %s is now %s", id, owner, status)
	}
	return o
}

func (w *world) login(a *actor, s *Login) outcome {
	user, _, arn := w.keyOwner(a, s.User)
	if user == "" {
		if !a.root {
			return w.fail(w.errAt(s.User, "only the root user sets the root user's password"))
		}
		err := w.cloud.Admin(func(st *cloud.State) error {
			return st.Accounts[a.account].SetRootPassword(account.SetRootPasswordInput{Password: s.Password.Text()})
		})
		if err != nil {
			return w.fail(err)
		}
		w.say("set the root user's password")
		return outcome{}
	}
	o := w.iam(a, "iam:CreateLoginProfile", arn, func(acc *account.Account) error {
		_, err := acc.CreateLoginProfile(account.CreateLoginProfileInput{UserName: user, Password: s.Password.Text(), PasswordResetRequired: s.Reset})
		return err
	})
	if o.err == nil {
		reset := ""
		if s.Reset {
			reset = " (to be changed at the first sign-in)"
		}
		w.say("%s can sign in to the console with a password%s", user, reset)
	}
	return o
}

func (w *world) passwordPolicy(a *actor, s *PasswordPolicy) outcome {
	doc, err := w.document(s.Body)
	if err != nil {
		return w.fail(err)
	}
	var in account.UpdateAccountPasswordPolicyInput
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return w.fail(&scenarioError{pos: Pos(s.Body.Pos), msg: "password-policy takes UpdateAccountPasswordPolicy's fields: " + err.Error()})
	}
	o := w.iam(a, "iam:UpdateAccountPasswordPolicy", "*", func(acc *account.Account) error {
		return acc.UpdateAccountPasswordPolicy(in)
	})
	if o.err == nil {
		w.say("updated the account's password policy")
	}
	return o
}

// totp computes an MFA code.
func (w *world) code(a *actor, c *Code) (code, serial string, err error) {
	if c.Literal != nil {
		return c.Literal.Text(), "", nil
	}
	d, err := w.deviceOf(a, c.TOTP)
	if err != nil {
		return "", "", err
	}
	at := w.now
	if c.Offset != nil {
		text := c.Offset.Text()
		neg := strings.HasPrefix(text, "-")
		off, err := duration(&Value{Pos: c.Offset.Pos, Raw: strings.TrimPrefix(text, "-")})
		if err != nil {
			return "", "", err
		}
		if neg {
			off = -off
		}
		at = at.Add(off)
	}
	return mfa.Code(d.secret, at), d.serial, nil
}

// deviceOf finds a device: by serial or mfa/NAME, else the newest device
// of a user (of the actor's account, or the current one), else the device
// of that name.
func (w *world) deviceOf(a *actor, v *Value) (device, error) {
	if d, ok, err := w.deviceRef(a, v); ok {
		return d, err
	}
	accts := w.deviceAccounts(a)
	for _, acct := range accts {
		if d, ok := w.newestDevice(ukey(acct, v.Text())); ok {
			return d, nil
		}
	}
	for _, acct := range accts {
		if d, ok := w.devices[ukey(acct, v.Text())]; ok {
			return d, nil
		}
	}
	return device{}, w.errAt(v, "no MFA device for %q: create one with: mfa %s virtual", v.Text(), v.Text())
}

func (w *world) mfa(a *actor, s *MFA) outcome {
	user, key, arn := w.keyOwner(a, s.User)
	switch {
	case s.Delete:
		d, err := w.mfaTarget(a, s.User, s.DeleteDevice)
		if err != nil {
			return w.fail(err)
		}
		o := w.iam(a, "iam:DeleteVirtualMFADevice", d.serial, func(acc *account.Account) error {
			return acc.DeleteVirtualMFADevice(account.DeleteVirtualMFADeviceInput{SerialNumber: d.serial})
		})
		if o.err == nil {
			w.forgetDevice(d.serial)
			w.say("deleted virtual MFA device %s", d.serial)
		}
		return o
	case s.Deactivate:
		d, err := w.mfaTarget(a, s.User, s.DeactivateDevice)
		if err != nil {
			return w.fail(err)
		}
		o := w.iam(a, "iam:DeactivateMFADevice", arn, func(acc *account.Account) error {
			return acc.DeactivateMFADevice(account.DeactivateMFADeviceInput{UserName: user, SerialNumber: d.serial})
		})
		if o.err == nil {
			w.say("deactivated %s", d.serial)
		}
		return o
	case s.Resync != nil:
		d, err := w.mfaTarget(a, s.User, s.ResyncDevice)
		if err != nil {
			return w.fail(err)
		}
		c1, _, err := w.code(a, s.Resync.First)
		if err != nil {
			return w.fail(err)
		}
		c2, _, err := w.code(a, s.Resync.Second)
		if err != nil {
			return w.fail(err)
		}
		o := w.iam(a, "iam:ResyncMFADevice", arn, func(acc *account.Account) error {
			return acc.ResyncMFADevice(account.MFADeviceCodesInput{UserName: user, SerialNumber: d.serial, AuthenticationCode1: c1, AuthenticationCode2: c2})
		})
		if o.err == nil {
			w.say("resynchronized %s with codes %s %s", d.serial, c1, c2)
		}
		return o
	}
	devName := s.User.Text()
	if s.Device != nil {
		devName = s.Device.Text()
	}
	var out *account.CreateVirtualMFADeviceOutput
	o := w.iam(a, "iam:CreateVirtualMFADevice", "arn:aws:iam::"+a.account+":mfa/"+devName, func(acc *account.Account) (err error) {
		out, err = acc.CreateVirtualMFADevice(account.CreateVirtualMFADeviceInput{VirtualMFADeviceName: devName})
		return err
	})
	if o.err != nil {
		return o
	}
	v := out.VirtualMFADevice
	secret, err := mfa.DecodeBase32(v.Base32StringSeed)
	if err != nil {
		return w.fail(err)
	}
	d := device{serial: v.SerialNumber, secret: secret}
	w.devices[key] = d
	w.devices[ukey(a.account, devName)] = d
	w.rememberDevice(key, d)
	w.res.Devices = append(w.res.Devices, MFADevice{SerialNumber: v.SerialNumber, User: s.User.Text(), Seed: v.Base32StringSeed})
	w.say("created virtual MFA device %s, seed %s — shown this once", v.SerialNumber, v.Base32StringSeed)
	// The authenticator app's last two codes, the second one now.
	c1, c2 := mfa.Code(secret, w.now.Add(-mfaStep)), mfa.Code(secret, w.now)
	if s.Codes != nil {
		if c1, _, err = w.code(a, s.Codes.First); err != nil {
			return w.fail(err)
		}
		if c2, _, err = w.code(a, s.Codes.Second); err != nil {
			return w.fail(err)
		}
	}
	o = w.iam(a, "iam:EnableMFADevice", arn, func(acc *account.Account) error {
		return acc.EnableMFADevice(account.MFADeviceCodesInput{UserName: user, SerialNumber: v.SerialNumber, AuthenticationCode1: c1, AuthenticationCode2: c2})
	})
	if o.err == nil {
		w.say("enabled it for %s with codes %s %s", s.User.Text(), c1, c2)
	}
	return o
}

func (w *world) tag(a *actor, s *TagEntity) outcome {
	name := s.Name.Text()
	arn := w.entityARN(a.account, s.Kind, name)
	tags := accountTags(s.Tags)
	var o outcome
	if s.Kind == "user" {
		o = w.iam(a, "iam:TagUser", arn, func(acc *account.Account) error {
			return acc.TagUser(account.TagUserInput{UserName: name, Tags: tags})
		})
	} else {
		o = w.iam(a, "iam:TagRole", arn, func(acc *account.Account) error {
			return acc.TagRole(account.TagRoleInput{RoleName: name, Tags: tags})
		})
	}
	if o.err == nil {
		w.say("tagged %s %s", s.Kind, name)
	}
	return o
}

func (w *world) trust(a *actor, s *Trust) outcome {
	doc, err := w.document(s.Body)
	if err != nil {
		return w.fail(err)
	}
	name := s.Role.Text()
	o := w.iam(a, "iam:UpdateAssumeRolePolicy", w.entityARN(a.account, "role", name), func(acc *account.Account) error {
		return acc.UpdateAssumeRolePolicy(account.UpdateAssumeRolePolicyInput{RoleName: name, PolicyDocument: doc})
	})
	if o.err == nil {
		w.say("replaced the trust policy of role %s", name)
	}
	return o
}

func (w *world) delete(a *actor, s *Delete) outcome {
	switch {
	case s.Policy != nil:
		arn := w.policyARN(a.account, s.Policy)
		if s.Version != nil {
			o := w.iam(a, "iam:DeletePolicyVersion", arn, func(acc *account.Account) error {
				return acc.DeletePolicyVersion(account.DeletePolicyVersionInput{PolicyArn: arn, VersionId: s.Version.Text()})
			})
			if o.err == nil {
				w.say("deleted version %s of %s", s.Version.Text(), arn)
			}
			return o
		}
		o := w.iam(a, "iam:DeletePolicy", arn, func(acc *account.Account) error {
			return acc.DeletePolicy(account.DeletePolicyInput{PolicyArn: arn})
		})
		if o.err == nil {
			w.say("deleted %s", arn)
		}
		return o
	case s.Inline != nil:
		name, of := s.Inline.Text(), s.InlineOf.Text()
		arn := w.entityARN(a.account, s.InlineKind, of)
		var o outcome
		switch s.InlineKind {
		case "user":
			o = w.iam(a, "iam:DeleteUserPolicy", arn, func(acc *account.Account) error {
				return acc.DeleteUserPolicy(account.UserPolicyInput{UserName: of, PolicyName: name})
			})
		case "group":
			o = w.iam(a, "iam:DeleteGroupPolicy", arn, func(acc *account.Account) error {
				return acc.DeleteGroupPolicy(account.GroupPolicyInput{GroupName: of, PolicyName: name})
			})
		default:
			o = w.iam(a, "iam:DeleteRolePolicy", arn, func(acc *account.Account) error {
				return acc.DeleteRolePolicy(account.RolePolicyInput{RoleName: of, PolicyName: name})
			})
		}
		if o.err == nil {
			w.say("deleted inline policy %s of %s %s", name, s.InlineKind, of)
		}
		return o
	}
	name := s.Name.Text()
	var o outcome
	switch s.Kind {
	case "user":
		o = w.iam(a, "iam:DeleteUser", w.entityARN(a.account, "user", name), func(acc *account.Account) error {
			return acc.DeleteUser(account.DeleteUserInput{UserName: name})
		})
	case "group":
		o = w.iam(a, "iam:DeleteGroup", w.entityARN(a.account, "group", name), func(acc *account.Account) error {
			return acc.DeleteGroup(account.DeleteGroupInput{GroupName: name})
		})
	case "role":
		o = w.iam(a, "iam:DeleteRole", w.entityARN(a.account, "role", name), func(acc *account.Account) error {
			return acc.DeleteRole(account.DeleteRoleInput{RoleName: name})
		})
	case "profile":
		o = w.iam(a, "iam:DeleteInstanceProfile", "arn:aws:iam::"+a.account+":instance-profile/"+name, func(acc *account.Account) error {
			return acc.DeleteInstanceProfile(account.InstanceProfileNameInput{InstanceProfileName: name})
		})
	default: // login
		o = w.iam(a, "iam:DeleteLoginProfile", w.entityARN(a.account, "user", name), func(acc *account.Account) error {
			return acc.DeleteLoginProfile(account.DeleteLoginProfileInput{UserName: name})
		})
	}
	if o.err == nil {
		w.say("deleted %s %s", s.Kind, name)
	}
	return o
}

func (w *world) profile(a *actor, s *Profile) outcome {
	name, role := s.Name.Text(), s.Role.Text()
	arn := "arn:aws:iam::" + a.account + ":instance-profile/" + name
	o := w.iam(a, "iam:CreateInstanceProfile", arn, func(acc *account.Account) error {
		_, err := acc.CreateInstanceProfile(account.CreateInstanceProfileInput{InstanceProfileName: name})
		return err
	})
	if o.err != nil {
		return o
	}
	o = w.iam(a, "iam:AddRoleToInstanceProfile", arn, func(acc *account.Account) error {
		return acc.AddRoleToInstanceProfile(account.InstanceProfileRoleInput{InstanceProfileName: name, RoleName: role})
	})
	if o.err == nil {
		w.say("created instance profile %s holding role %s", arn, role)
	}
	return o
}

func (w *world) revoke(a *actor, s *Revoke) outcome {
	role := s.Role.Text()
	err := w.cloud.RevokeRoleSessions(a.region, a.creds, role)
	if err != nil {
		return w.fail(err)
	}
	w.say("revoked the sessions of role %s issued before %s (inline policy AWSRevokeOlderSessions)", role, w.now.Format("2006-01-02T15:04:05Z"))
	return outcome{}
}
