package account

import (
	"time"
)

// loginProfile is a user's console password (id_credentials_passwords.md),
// kept only as Argon2id hashes.
type loginProfile struct {
	hash          string
	created       time.Time // when the login profile was created
	setAt         time.Time // when the current password was set: its age counts from here
	resetRequired bool
	// history holds the hashes of the passwords before the current one,
	// newest first: as many as the password policy's reuse prevention
	// needs, and none without it.
	history []string
}

// LoginProfile is a user's login profile, without the password.
type LoginProfile struct {
	UserName              string
	CreateDate            time.Time
	PasswordResetRequired bool
}

// setPassword hashes a new password for a user after checking it against
// the password policy: complexity and, when the policy prevents reuse, the
// last PasswordReusePrevention passwords (the current one among them). It
// returns the new hash and history without changing lp.
func (a *Account) setPassword(lp *loginProfile, password string) (hash string, history []string, err error) {
	pol := a.s.passwordPolicy
	if err := checkComplexity(pol, password); err != nil {
		return "", nil, err
	}
	n := 0
	if pol != nil {
		n = pol.PasswordReusePrevention
	}
	if lp != nil && n > 0 {
		remembered := append([]string{lp.hash}, lp.history...)
		if len(remembered) > n {
			remembered = remembered[:n]
		}
		for _, h := range remembered {
			if checkHash(h, password) {
				return "", nil, errorf(ErrPasswordPolicyViolation, "Password should not be one of your %d previous passwords.", n)
			}
		}
		history = remembered
		if len(history) > n-1 {
			history = history[:n-1]
		}
		history = append([]string(nil), history...)
	}
	hash, err = hashPassword(a.hash, password, a.env.Rand)
	if err != nil {
		return "", nil, err
	}
	return hash, history, nil
}

// CreateLoginProfileInput is CreateLoginProfile's request.
type CreateLoginProfileInput struct {
	UserName              string
	Password              string
	PasswordResetRequired bool
}

// LoginProfileOutput is the response of CreateLoginProfile and
// GetLoginProfile.
type LoginProfileOutput struct {
	LoginProfile LoginProfile
}

func (u *user) loginOut() *LoginProfileOutput {
	return &LoginProfileOutput{LoginProfile: LoginProfile{UserName: u.name, CreateDate: u.login.created, PasswordResetRequired: u.login.resetRequired}}
}

// CreateLoginProfile gives a user a console password, which must satisfy
// the account's password policy (or AWS's default one).
func (a *Account) CreateLoginProfile(in CreateLoginProfileInput) (*LoginProfileOutput, error) {
	var c checks
	c.name(in.UserName, "userName", maxUserName)
	c.password(in.Password, "password")
	if err := c.err(); err != nil {
		return nil, err
	}
	u, err := a.lookupUser(in.UserName, maxUserName)
	if err != nil {
		return nil, err
	}
	if u.login != nil {
		return nil, errorf(ErrEntityAlreadyExists, "Login Profile for user %s already exists.", u.name)
	}
	hash, _, err := a.setPassword(nil, in.Password)
	if err != nil {
		return nil, err
	}
	now := a.now()
	u.login = &loginProfile{hash: hash, created: now, setAt: now, resetRequired: in.PasswordResetRequired}
	return u.loginOut(), nil
}

func (a *Account) userLogin(name string) (*user, error) {
	u, err := a.lookupUser(name, maxUserName)
	if err != nil {
		return nil, err
	}
	if u.login == nil {
		return nil, errorf(ErrNoSuchEntity, "Login Profile for User %s cannot be found.", u.name)
	}
	return u, nil
}

// GetLoginProfileInput is GetLoginProfile's request.
type GetLoginProfileInput struct {
	UserName string
}

// GetLoginProfile returns a user's login profile; NoSuchEntity when the
// user has no password.
func (a *Account) GetLoginProfile(in GetLoginProfileInput) (*LoginProfileOutput, error) {
	u, err := a.userLogin(in.UserName)
	if err != nil {
		return nil, err
	}
	return u.loginOut(), nil
}

// UpdateLoginProfileInput is UpdateLoginProfile's request: a new
// password (empty: unchanged), a new PasswordResetRequired (nil:
// unchanged), or both.
type UpdateLoginProfileInput struct {
	UserName              string
	Password              string
	PasswordResetRequired *bool
}

// UpdateLoginProfile is an administrator setting a user's password. The new
// password must satisfy the password policy, reuse prevention included.
func (a *Account) UpdateLoginProfile(in UpdateLoginProfileInput) error {
	var c checks
	c.name(in.UserName, "userName", maxUserName)
	if in.Password != "" {
		c.password(in.Password, "password")
	}
	if err := c.err(); err != nil {
		return err
	}
	u, err := a.userLogin(in.UserName)
	if err != nil {
		return err
	}
	lp := *u.login
	if in.Password != "" {
		hash, history, err := a.setPassword(u.login, in.Password)
		if err != nil {
			return err
		}
		lp.hash, lp.history, lp.setAt = hash, history, a.now()
	}
	if in.PasswordResetRequired != nil {
		lp.resetRequired = *in.PasswordResetRequired
	}
	u.login = &lp
	return nil
}

// DeleteLoginProfileInput is DeleteLoginProfile's request.
type DeleteLoginProfileInput struct {
	UserName string
}

// DeleteLoginProfile removes a user's password. Access keys are not
// affected.
func (a *Account) DeleteLoginProfile(in DeleteLoginProfileInput) error {
	u, err := a.userLogin(in.UserName)
	if err != nil {
		return err
	}
	u.login = nil
	return nil
}

// ChangePasswordInput is ChangePassword's request. IAM takes the user from
// the caller's credentials; here the caller names it.
type ChangePasswordInput struct {
	UserName    string
	OldPassword string
	NewPassword string
}

// ChangePassword is a user changing their own password: the old one must
// match, the new one must satisfy the password policy, and the reset
// requirement, if any, is cleared. Whether the user may call it
// (AllowUsersToChangePassword, iam:ChangePassword) is the authorizer's
// question, not this package's. A wrong old password is InvalidInput.
func (a *Account) ChangePassword(in ChangePasswordInput) error {
	var c checks
	c.name(in.UserName, "userName", maxUserName)
	c.password(in.OldPassword, "oldPassword")
	c.password(in.NewPassword, "newPassword")
	if err := c.err(); err != nil {
		return err
	}
	u, err := a.userLogin(in.UserName)
	if err != nil {
		return err
	}
	if !checkHash(u.login.hash, in.OldPassword) {
		return errorf(ErrInvalidInput, "The old password is incorrect.")
	}
	hash, history, err := a.setPassword(u.login, in.NewPassword)
	if err != nil {
		return err
	}
	lp := *u.login
	lp.hash, lp.history, lp.setAt, lp.resetRequired = hash, history, a.now(), false
	u.login = &lp
	return nil
}

// PasswordCheck is the outcome of a sign-in with a password.
type PasswordCheck uint8

// The outcomes.
const (
	// PasswordWrong: the password does not match.
	PasswordWrong PasswordCheck = iota
	// PasswordNotSet: the user has no login profile, so no password works.
	PasswordNotSet
	// PasswordValid: the password matches and may be used.
	PasswordValid
	// PasswordResetRequired: it matches, and the user must now set a new one.
	PasswordResetRequired
	// PasswordExpired: it matches but is older than the policy's
	// MaxPasswordAge; the user must set a new one.
	PasswordExpired
	// PasswordExpiredHard: it has expired and the policy's HardExpiry keeps
	// the user from setting a new one: an administrator must.
	PasswordExpiredHard
)

func (c PasswordCheck) String() string {
	switch c {
	case PasswordNotSet:
		return "NotSet"
	case PasswordValid:
		return "Valid"
	case PasswordResetRequired:
		return "ResetRequired"
	case PasswordExpired:
		return "Expired"
	case PasswordExpiredHard:
		return "ExpiredHard"
	}
	return "Wrong"
}

// MarshalText gives the String form.
func (c PasswordCheck) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// OK reports whether the password signs the user in as it is.
func (c PasswordCheck) OK() bool { return c == PasswordValid }

// CheckPassword checks a user's password at sign-in, at time now: whether
// it matches, and if so whether it has expired under the password policy
// (expiry applies to existing passwords at once) or must be reset. It
// changes nothing; see [Account.RecordPasswordUse].
func (a *Account) CheckPassword(userName, password string, now time.Time) (PasswordCheck, error) {
	u, err := a.lookupUser(userName, maxExistingUserName)
	if err != nil {
		return PasswordWrong, err
	}
	if u.login == nil {
		return PasswordNotSet, nil
	}
	if !checkHash(u.login.hash, password) {
		return PasswordWrong, nil
	}
	if p := a.s.passwordPolicy; p != nil && p.MaxPasswordAge > 0 {
		expires := u.login.setAt.Add(time.Duration(p.MaxPasswordAge) * 24 * time.Hour)
		if !now.Before(expires) {
			if p.HardExpiry {
				return PasswordExpiredHard, nil
			}
			return PasswordExpired, nil
		}
	}
	if u.login.resetRequired {
		return PasswordResetRequired, nil
	}
	return PasswordValid, nil
}

// RecordPasswordUse sets a user's PasswordLastUsed, for the sign-in
// simulation to call after a successful sign-in.
func (a *Account) RecordPasswordUse(userName string, t time.Time) error {
	u, err := a.lookupUser(userName, maxExistingUserName)
	if err != nil {
		return err
	}
	u.passwordLastUsed = t.UTC()
	return nil
}

// SetRootPasswordInput sets the root user's password.
type SetRootPasswordInput struct {
	Password string
}

// SetRootPassword sets the root user's password. The account's password
// policy does not apply to the root user
// (id_credentials_passwords_account-policy.md); AWS's default rules do: 8
// to 128 characters with three of uppercase, lowercase, numbers and
// symbols.
func (a *Account) SetRootPassword(in SetRootPasswordInput) error {
	var c checks
	c.password(in.Password, "password")
	if err := c.err(); err != nil {
		return err
	}
	if err := checkComplexity(nil, in.Password); err != nil {
		return err
	}
	hash, err := hashPassword(a.hash, in.Password, a.env.Rand)
	if err != nil {
		return err
	}
	now := a.now()
	created := now
	if a.s.root.login != nil {
		created = a.s.root.login.created
	}
	a.s.root.login = &loginProfile{hash: hash, created: created, setAt: now}
	return nil
}

// CheckRootPassword checks the root user's password: PasswordValid,
// PasswordWrong or PasswordNotSet. Root passwords do not expire.
func (a *Account) CheckRootPassword(password string) PasswordCheck {
	if a.s.root.login == nil {
		return PasswordNotSet
	}
	if !checkHash(a.s.root.login.hash, password) {
		return PasswordWrong
	}
	return PasswordValid
}
