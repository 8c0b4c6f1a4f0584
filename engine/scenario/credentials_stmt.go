package scenario

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/cloud"
	"github.com/iamlab/iamlab/engine/eval"
)

// Statements about a user's credentials and the roles AWS services own:
// a password changed by its user or reset by an administrator, an access
// key's last use, SSH public keys, signing certificates and service-linked
// roles. Their grammar, echo and execution live here; ast.go, format.go
// and run.go hand them over.

// ChangePassword is ChangePassword: a user (as USER, or as the session of
// its console sign-in) replaces its own console password.
type ChangePassword struct {
	Old *Value `parser:"'change' 'password' @@"`
	New *Value `parser:"'to' @@"`
}

// UpdateLogin is UpdateLoginProfile: an administrator sets a user's
// password, or whether it must be changed at the next sign-in.
type UpdateLogin struct {
	User     *Value `parser:"'update' 'login' @@"`
	Password *Value `parser:"( 'password' @@ )?"`
	Reset    string `parser:"@( 'reset-required' | 'no-reset-required' )?"`
}

// KeyLastUsed is GetAccessKeyLastUsed: when, with which service and in
// which region an access key last signed a request.
type KeyLastUsed struct {
	Key *Value `parser:"'key-last-used' @@"`
}

// Upload is the body of an SSH public key or a certificate: a string, or
// file "PATH".
type Upload struct {
	File *Value `parser:"'upload' ( 'file' @@"`
	Text *Value `parser:"| @@ )"`
}

// SSHKey uploads an SSH public key for a user, or makes one active,
// inactive or deletes it (USER is the latest the scenario uploaded, USER#N
// the Nth).
type SSHKey struct {
	User   *Value  `parser:"'ssh-key' @@"`
	Upload *Upload `parser:"( @@"`
	Action string  `parser:"| @( 'active' | 'inactive' | 'delete' ) )"`
}

// SigningCert uploads an X.509 signing certificate for a user, or changes
// one, as SSHKey does.
type SigningCert struct {
	User   *Value  `parser:"'signing-cert' @@"`
	Upload *Upload `parser:"( @@"`
	Action string  `parser:"| @( 'active' | 'inactive' | 'delete' ) )"`
}

// ServiceLinkedRole is CreateServiceLinkedRole (the role an AWS service
// uses on the account's behalf), DeleteServiceLinkedRole with its
// deletion task's status, or "in-use": the operator saying which of the
// service's resources still use the role (none when no resource is named),
// this model's stand-in for the service.
type ServiceLinkedRole struct {
	Delete      *Value   `parser:"'service-linked-role' ( 'delete' @@"`
	InUse       *Value   `parser:"| 'in-use' @@"`
	Resources   []*Value `parser:"( @@ ( ',' @@ )* )?"`
	Service     *Value   `parser:"| @@"`
	Suffix      *Value   `parser:"( 'suffix' @@ )?"`
	Description *Value   `parser:"( 'description' @@ )? )"`
}

func (*ChangePassword) stmt()    {}
func (*UpdateLogin) stmt()       {}
func (*KeyLastUsed) stmt()       {}
func (*SSHKey) stmt()            {}
func (*SigningCert) stmt()       {}
func (*ServiceLinkedRole) stmt() {}

// credentialStatements are this file's statements, for the parser.
func credentialStatements() []Statement {
	return []Statement{&ChangePassword{}, &UpdateLogin{}, &KeyLastUsed{}, &SSHKey{}, &SigningCert{}, &ServiceLinkedRole{}}
}

// credentialStmt prints one of this file's statements; false for others.
func (p *printer) credentialStmt(s Statement) bool {
	switch s := s.(type) {
	case *ChangePassword:
		p.word("change", "password")
		p.val(s.Old)
		p.kv("to", s.New)
	case *UpdateLogin:
		p.word("update", "login")
		p.val(s.User)
		p.kv("password", s.Password)
		p.word(s.Reset)
	case *KeyLastUsed:
		p.kv("key-last-used", s.Key)
	case *SSHKey:
		p.userCredential("ssh-key", s.User, s.Upload, s.Action)
	case *SigningCert:
		p.userCredential("signing-cert", s.User, s.Upload, s.Action)
	case *ServiceLinkedRole:
		p.word("service-linked-role")
		switch {
		case s.Delete != nil:
			p.kv("delete", s.Delete)
		case s.InUse != nil:
			p.kv("in-use", s.InUse)
			p.list(s.Resources)
		default:
			p.val(s.Service)
			p.kv("suffix", s.Suffix)
			p.kv("description", s.Description)
		}
	default:
		return false
	}
	return true
}

// userCredential prints STMT USER upload BODY, or STMT USER[#N] ACTION.
func (p *printer) userCredential(stmt string, user *Value, u *Upload, action string) {
	p.kv(stmt, user)
	p.upload(u)
	p.word(action)
}

func (p *printer) upload(u *Upload) {
	if u == nil {
		return
	}
	p.word("upload")
	if u.File != nil {
		p.kv("file", u.File)
		return
	}
	if r := []rune(u.Text.Raw); p.short && len(r) > 40 {
		p.word(string(r[:30]) + "…\"")
		return
	}
	p.val(u.Text)
}

// credentialState is what the scenario remembers of the credentials these
// statements make: the IDs of each user's SSH keys and certificates,
// oldest first, so that USER#N keeps naming the same one.
type credentialState struct {
	ssh, certs map[string][]string // account/user (folded) → IDs
	// Virtual MFA devices (mfa_devices.go): each owner's, oldest first,
	// and every device by its serial (folded).
	mfa     map[string][]device
	serials map[string]device
}

func (w *world) credState() *credentialState {
	if w.creds == nil {
		w.creds = &credentialState{ssh: map[string][]string{}, certs: map[string][]string{}}
	}
	return w.creds
}

// credentialStmt runs one of this file's statements as a; false for
// others.
func (w *world) credentialStmt(a *actor, s Statement) (outcome, bool) {
	switch s := s.(type) {
	case *ChangePassword:
		return w.changePassword(a, s), true
	case *UpdateLogin:
		return w.updateLogin(a, s), true
	case *KeyLastUsed:
		return w.keyLastUsed(a, s), true
	case *SSHKey:
		return w.sshKey(a, s), true
	case *SigningCert:
		return w.signingCert(a, s), true
	case *ServiceLinkedRole:
		return w.serviceLinkedRole(a, s), true
	}
	return outcome{}, false
}

// callerUser is the IAM user an actor is: its name, from its access key or
// from the ARN of its session (a console sign-in's session is the user).
func (w *world) callerUser(a *actor) (string, error) {
	if a.user != "" {
		return a.user, nil
	}
	if a.root {
		return "", w.errAt(nil, "the root user has no login profile to change: ChangePassword is for IAM users (set root's password with: login root password \"…\")")
	}
	id, err := w.cloud.GetCallerIdentity(a.region, a.creds)
	if err != nil {
		return "", err
	}
	if !strings.Contains(id.Arn, ":user/") {
		return "", w.errAt(nil, "ChangePassword is called by an IAM user, not by %s", id.Arn)
	}
	return id.Arn[lastSlash(id.Arn)+1:], nil
}

func (w *world) changePassword(a *actor, s *ChangePassword) outcome {
	if a.operator {
		return w.fail(w.errAt(nil, "a user changes its own password: as USER change password OLD to NEW"))
	}
	user, err := w.callerUser(a)
	if err != nil {
		return w.fail(err)
	}
	o := w.iam(a, "iam:ChangePassword", w.entityARN(a.account, "user", user), func(acc *account.Account) error {
		return acc.ChangePassword(account.ChangePasswordInput{UserName: user, OldPassword: s.Old.Text(), NewPassword: s.New.Text()})
	})
	if o.err == nil {
		w.say("%s changed its console password", user)
	}
	return o
}

func (w *world) updateLogin(a *actor, s *UpdateLogin) outcome {
	user, _, arn := w.keyOwner(a, s.User)
	if user == "" {
		return w.fail(w.errAt(s.User, "the root user has no login profile: set its password with: login root password \"…\""))
	}
	in := account.UpdateLoginProfileInput{UserName: user, Password: s.Password.Text()}
	if s.Reset != "" {
		reset := s.Reset == "reset-required"
		in.PasswordResetRequired = &reset
	}
	o := w.iam(a, "iam:UpdateLoginProfile", arn, func(acc *account.Account) error {
		return acc.UpdateLoginProfile(in)
	})
	if o.err != nil {
		return o
	}
	var what []string
	if in.Password != "" {
		what = append(what, "set a new password for "+user)
	}
	switch s.Reset {
	case "reset-required":
		what = append(what, user+" must change it at the next sign-in")
	case "no-reset-required":
		what = append(what, user+" need not change it at the next sign-in")
	}
	if len(what) == 0 {
		what = append(what, "updated the login profile of "+user+" (nothing changed)")
	}
	w.say("%s", strings.Join(what, "; "))
	return o
}

// keyRef resolves an access key the scenario holds: USER (its latest key),
// USER#N (its Nth, 1 for the first created), root or root#N (the root
// user's, made by key root), or a key ID. It returns
// the key's ID, its user ("" for root) and the ARN GetAccessKeyLastUsed is
// authorized on.
func (w *world) keyRef(a *actor, v *Value) (id, user, arn string, err error) {
	text := v.Text()
	if strings.HasPrefix(text, "AKIA") {
		return text, "", "*", nil
	}
	name, n, err := w.numbered(v)
	if err != nil {
		return "", "", "", err
	}
	k, err := nth(w, v, w.keys[ukey(a.account, name)], n, name, "access key", "in this scenario", fmt.Sprintf("%s has no access key in this scenario: create one with: key %s", name, name))
	if err != nil {
		return "", "", "", err
	}
	if fold(name) == "root" {
		return k.creds.AccessKeyID, "", "arn:aws:iam::" + a.account + ":root", nil
	}
	return k.creds.AccessKeyID, name, w.entityARN(a.account, "user", name), nil
}

// nth is the Nth of list, what the scenario made for name, oldest first:
// 1 for the first, 0 for the latest. none is the error of an empty list; a
// number past its end is "NAME has only K WHATs WHERE".
func nth[T any](w *world, v *Value, list []T, n int, name, what, where, none string) (T, error) {
	var zero T
	if len(list) == 0 {
		return zero, w.errAt(v, "%s", none)
	}
	if n > len(list) {
		return zero, w.errAt(v, "%s has only %d %ss %s", name, len(list), what, where)
	}
	if n == 0 {
		n = len(list)
	}
	return list[n-1], nil
}

// numbered splits USER#N into USER and N (0 when there is no #N).
func (w *world) numbered(v *Value) (string, int, error) {
	text := v.Text()
	i := strings.LastIndexByte(text, '#')
	if i <= 0 {
		return text, 0, nil
	}
	n, err := strconv.Atoi(text[i+1:])
	if err != nil || n < 1 {
		return "", 0, w.errAt(v, "%q: after # comes a number, 1 for the first the scenario made", text)
	}
	return text[:i], n, nil
}

func (w *world) keyLastUsed(a *actor, s *KeyLastUsed) outcome {
	id, _, arn, err := w.keyRef(a, s.Key)
	if err != nil {
		return w.fail(err)
	}
	var out *account.GetAccessKeyLastUsedOutput
	op := func(acc *account.Account) (err error) {
		out, err = acc.GetAccessKeyLastUsed(account.GetAccessKeyLastUsedInput{AccessKeyId: id})
		return err
	}
	var o outcome
	if a.operator {
		acc := w.control(a.account)
		if acc == nil {
			return w.fail(w.errAt(nil, "no account %s", a.account))
		}
		if err := op(acc); err != nil {
			return w.fail(err)
		}
	} else {
		if o = w.called(w.cloud.IAMRead(a.region, a.creds, "iam:GetAccessKeyLastUsed", arn, op)); o.err != nil {
			return o
		}
	}
	last := out.AccessKeyLastUsed
	if used, ok := w.cloud.AccessKeyLastUsed(id); ok && (last.LastUsedDate == nil || !used.LastUsedDate.Before(*last.LastUsedDate)) {
		last = used
	}
	owner := out.UserName
	if owner == "" {
		owner = "root"
	}
	if last.LastUsedDate == nil {
		w.say("access key %s of %s: never used (service N/A, region N/A)", id, owner)
		return o
	}
	w.say("access key %s of %s: last used %s (%s), service %s, region %s", id, owner, last.LastUsedDate.UTC().Format(time.RFC3339), ago(w.now.Sub(*last.LastUsedDate)), last.ServiceName, last.Region)
	return o
}

// ago says how long ago, in days, hours, minutes and seconds: "7d 2h ago".
func ago(d time.Duration) string {
	d = d.Round(time.Second)
	if d <= 0 {
		return "just now"
	}
	var parts []string
	for _, u := range []struct {
		unit time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if n := d / u.unit; n > 0 {
			parts = append(parts, strconv.Itoa(int(n))+u.name)
			d -= n * u.unit
		}
	}
	return strings.Join(parts, " ") + " ago"
}

// uploadBody reads an SSH key's or a certificate's body.
func (w *world) uploadBody(u *Upload) (string, error) {
	if u.File != nil {
		return w.document(&Body{File: u.File})
	}
	return u.Text.Text(), nil
}

func statusOf(action string) account.Status {
	if action == "inactive" {
		return account.StatusInactive
	}
	return account.StatusActive
}

// userCredential is a kind of credential a user may have several of,
// numbered as the scenario uploads them: SSH public keys and signing
// certificates. Its statement is STMT USER upload BODY, or STMT USER[#N]
// active|inactive|delete (the latest without #N).
type userCredential struct {
	stmt, noun, plural string              // "ssh-key", "SSH public key", "keys"
	ids                map[string][]string // account/user (folded) → IDs, oldest first

	uploadAction string
	// upload uploads body for user, returning the new credential's ID
	// and what to say of it after its number ("fingerprint …, Active").
	upload       func(acc *account.Account, user, body string) (id, detail string, err error)
	updateAction string
	update       func(acc *account.Account, user, id string, status account.Status) error
	deleteAction string
	delete       func(acc *account.Account, user, id string) error
}

func (w *world) sshKey(a *actor, s *SSHKey) outcome {
	return w.userCredential(a, s.User, s.Upload, s.Action, userCredential{
		stmt: "ssh-key", noun: "SSH public key", plural: "keys", ids: w.credState().ssh,
		uploadAction: "iam:UploadSSHPublicKey",
		upload: func(acc *account.Account, user, body string) (string, string, error) {
			out, err := acc.UploadSSHPublicKey(account.UploadSSHPublicKeyInput{UserName: user, SSHPublicKeyBody: body})
			if err != nil {
				return "", "", err
			}
			k := out.SSHPublicKey
			return k.SSHPublicKeyId, fmt.Sprintf("fingerprint %s, %s", k.Fingerprint, k.Status), nil
		},
		updateAction: "iam:UpdateSSHPublicKey",
		update: func(acc *account.Account, user, id string, status account.Status) error {
			return acc.UpdateSSHPublicKey(account.UpdateSSHPublicKeyInput{UserName: user, SSHPublicKeyId: id, Status: status})
		},
		deleteAction: "iam:DeleteSSHPublicKey",
		delete: func(acc *account.Account, user, id string) error {
			return acc.DeleteSSHPublicKey(account.SSHPublicKeyInput{UserName: user, SSHPublicKeyId: id})
		},
	})
}

func (w *world) signingCert(a *actor, s *SigningCert) outcome {
	return w.userCredential(a, s.User, s.Upload, s.Action, userCredential{
		stmt: "signing-cert", noun: "signing certificate", plural: "certificates", ids: w.credState().certs,
		uploadAction: "iam:UploadSigningCertificate",
		upload: func(acc *account.Account, user, body string) (string, string, error) {
			out, err := acc.UploadSigningCertificate(account.UploadSigningCertificateInput{UserName: user, CertificateBody: body})
			if err != nil {
				return "", "", err
			}
			c := out.Certificate
			return c.CertificateId, string(c.Status), nil
		},
		updateAction: "iam:UpdateSigningCertificate",
		update: func(acc *account.Account, user, id string, status account.Status) error {
			return acc.UpdateSigningCertificate(account.UpdateSigningCertificateInput{UserName: user, CertificateId: id, Status: status})
		},
		deleteAction: "iam:DeleteSigningCertificate",
		delete: func(acc *account.Account, user, id string) error {
			return acc.DeleteSigningCertificate(account.SigningCertificateInput{UserName: user, CertificateId: id})
		},
	})
}

// userCredential runs a statement of a kind c: an upload for the user v
// names, or action on the credential v names (USER or USER#N).
func (w *world) userCredential(a *actor, v *Value, up *Upload, action string, c userCredential) outcome {
	if up != nil {
		if _, n, _ := w.numbered(v); n > 0 {
			return w.fail(w.errAt(v, "upload names a user, not one of its %s: %s USER upload …", c.plural, c.stmt))
		}
		body, err := w.uploadBody(up)
		if err != nil {
			return w.fail(err)
		}
		user := v.Text()
		var id, detail string
		o := w.iam(a, c.uploadAction, w.entityARN(a.account, "user", user), func(acc *account.Account) (err error) {
			id, detail, err = c.upload(acc, user, body)
			return err
		})
		if o.err != nil {
			return o
		}
		key := ukey(a.account, user)
		c.ids[key] = append(c.ids[key], id)
		w.say("uploaded %s %s for %s (#%d here), %s", c.noun, id, user, len(c.ids[key]), detail)
		return o
	}
	user, n, err := w.numbered(v)
	if err != nil {
		return w.fail(err)
	}
	id, err := nth(w, v, c.ids[ukey(a.account, user)], n, user, c.noun, "uploaded by this scenario", fmt.Sprintf("%s has no %s uploaded by this scenario", user, c.noun))
	if err != nil {
		return w.fail(err)
	}
	arn := w.entityARN(a.account, "user", user)
	if action == "delete" {
		o := w.iam(a, c.deleteAction, arn, func(acc *account.Account) error { return c.delete(acc, user, id) })
		if o.err == nil {
			w.say("deleted %s %s of %s", c.noun, id, user)
		}
		return o
	}
	status := statusOf(action)
	o := w.iam(a, c.updateAction, arn, func(acc *account.Account) error { return c.update(acc, user, id, status) })
	if o.err == nil {
		w.say("%s %s of %s is now %s", c.noun, id, user, status)
	}
	return o
}

func (w *world) serviceLinkedRole(a *actor, s *ServiceLinkedRole) outcome {
	switch {
	case s.Delete != nil:
		return w.deleteServiceLinkedRole(a, s.Delete)
	case s.InUse != nil:
		return w.serviceLinkedRoleInUse(a, s)
	}
	service := s.Service.Text()
	name, path, policyARN := account.ServiceLinkedRole(service, s.Suffix.Text())
	in := account.CreateServiceLinkedRoleInput{AWSServiceName: service, CustomSuffix: s.Suffix.Text(), Description: s.Description.Text()}
	var out *account.CreateServiceLinkedRoleOutput
	op := func(acc *account.Account) (err error) {
		out, err = acc.CreateServiceLinkedRole(in)
		return err
	}
	if policyARN != "" {
		// The service's AWS managed policy, from the catalog, so that
		// the role gets it as in AWS.
		op = withAWSPolicy(policyARN, op)
	}
	keys := []eval.Entry{{Key: "iam:AWSServiceName", Type: eval.String, Values: []string{service}}}
	o := w.iamWithKeys(a, "iam:CreateServiceLinkedRole", cloud.RoleARN(a.account, path, name), keys, op)
	if o.err != nil {
		return o
	}
	w.say("created service-linked role %s (%s), trusted only by %s", out.Role.Arn, out.Role.RoleId, service)
	if policyARN != "" {
		if acc := w.control(a.account); acc != nil {
			if att, err := acc.ListAttachedRolePolicies(account.ListAttachedRolePoliciesInput{RoleName: out.Role.RoleName}); err == nil {
				for _, p := range att.AttachedPolicies {
					w.say("with %s attached", p.PolicyArn)
				}
			}
		}
	}
	return o
}

func (w *world) deleteServiceLinkedRole(a *actor, v *Value) outcome {
	name := v.Text()
	var status *account.GetServiceLinkedRoleDeletionStatusOutput
	var task string
	o := w.iam(a, "iam:DeleteServiceLinkedRole", w.entityARN(a.account, "role", name), func(acc *account.Account) error {
		out, err := acc.DeleteServiceLinkedRole(account.DeleteServiceLinkedRoleInput{RoleName: name})
		if err != nil {
			return err
		}
		task = out.DeletionTaskId
		// The task ends at once; its status is what
		// GetServiceLinkedRoleDeletionStatus would say.
		status, err = acc.GetServiceLinkedRoleDeletionStatus(account.GetServiceLinkedRoleDeletionStatusInput{DeletionTaskId: task})
		return err
	})
	if o.err != nil {
		return o
	}
	w.say("deletion task %s: %s", task, status.Status)
	if status.Reason != nil {
		w.say("reason: %s", status.Reason.Reason)
		w.say("role usage: %s; the role stays", strings.Join(status.Reason.RoleUsageList, ", "))
	} else {
		w.say("deleted service-linked role %s", name)
	}
	return o
}

func (w *world) serviceLinkedRoleInUse(a *actor, s *ServiceLinkedRole) outcome {
	if !a.operator {
		return w.fail(w.errAt(s.InUse, "in-use stands in for the service itself: the operator says it, not a principal"))
	}
	var res []string
	for _, r := range s.Resources {
		res = append(res, r.Text())
	}
	name := s.InUse.Text()
	o := w.iam(a, "", "", func(acc *account.Account) error {
		return acc.SetServiceLinkedRoleResources(account.SetServiceLinkedRoleResourcesInput{RoleName: name, Resources: res})
	})
	if o.err != nil {
		return o
	}
	if len(res) == 0 {
		w.say("no resource of its service uses %s any more", name)
	} else {
		w.say("%s is in use by %s", name, strings.Join(res, ", "))
	}
	return o
}
