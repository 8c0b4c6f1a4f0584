package account

import (
	"strconv"
	"strings"
)

// PasswordPolicy is the account's password policy for IAM users
// (id_credentials_passwords_account-policy.md), as
// GetAccountPasswordPolicy returns it.
type PasswordPolicy struct {
	MinimumPasswordLength      int
	RequireSymbols             bool
	RequireNumbers             bool
	RequireUppercaseCharacters bool
	RequireLowercaseCharacters bool
	AllowUsersToChangePassword bool
	ExpirePasswords            bool
	MaxPasswordAge             int `json:",omitempty"` // days; 0: passwords never expire
	PasswordReusePrevention    int `json:",omitempty"` // previous passwords that may not be reused; 0: none
	HardExpiry                 bool
}

// UpdateAccountPasswordPolicyInput is UpdateAccountPasswordPolicy's
// request. It replaces the whole policy: a field left zero takes IAM's
// default for the operation (MinimumPasswordLength 6, no requirement, no
// expiry, no reuse prevention).
type UpdateAccountPasswordPolicyInput struct {
	MinimumPasswordLength      int
	RequireSymbols             bool
	RequireNumbers             bool
	RequireUppercaseCharacters bool
	RequireLowercaseCharacters bool
	AllowUsersToChangePassword bool
	MaxPasswordAge             int
	PasswordReusePrevention    int
	HardExpiry                 bool
}

// The bounds of the password policy's settings (iam.json).
const (
	minMinimumPasswordLength = 6
	defaultUpdateMinLength   = 6 // UpdateAccountPasswordPolicy without MinimumPasswordLength
	defaultPolicyMinLength   = 8 // the default policy, when the account has none
	maxMaxPasswordAge        = 1095
	maxPasswordReuse         = 24
)

// passwordSymbols are the non-alphanumeric characters a password policy
// counts as symbols.
const passwordSymbols = "!@#$%^&*()_+-=[]{}|'"

// UpdateAccountPasswordPolicy sets the account's password policy.
// Complexity rules apply to passwords set from now on; expiry applies at
// once, to the age of every password.
func (a *Account) UpdateAccountPasswordPolicy(in UpdateAccountPasswordPolicyInput) error {
	var c checks
	if in.MinimumPasswordLength != 0 && (in.MinimumPasswordLength < minMinimumPasswordLength || in.MinimumPasswordLength > maxPassword) {
		bound(&c, in.MinimumPasswordLength, "minimumPasswordLength", minMinimumPasswordLength, maxPassword)
	}
	if in.MaxPasswordAge != 0 && (in.MaxPasswordAge < 1 || in.MaxPasswordAge > maxMaxPasswordAge) {
		bound(&c, in.MaxPasswordAge, "maxPasswordAge", 1, maxMaxPasswordAge)
	}
	if in.PasswordReusePrevention != 0 && (in.PasswordReusePrevention < 1 || in.PasswordReusePrevention > maxPasswordReuse) {
		bound(&c, in.PasswordReusePrevention, "passwordReusePrevention", 1, maxPasswordReuse)
	}
	if err := c.err(); err != nil {
		return err
	}
	p := &PasswordPolicy{
		MinimumPasswordLength:      in.MinimumPasswordLength,
		RequireSymbols:             in.RequireSymbols,
		RequireNumbers:             in.RequireNumbers,
		RequireUppercaseCharacters: in.RequireUppercaseCharacters,
		RequireLowercaseCharacters: in.RequireLowercaseCharacters,
		AllowUsersToChangePassword: in.AllowUsersToChangePassword,
		ExpirePasswords:            in.MaxPasswordAge > 0,
		MaxPasswordAge:             in.MaxPasswordAge,
		PasswordReusePrevention:    in.PasswordReusePrevention,
		HardExpiry:                 in.HardExpiry,
	}
	if p.MinimumPasswordLength == 0 {
		p.MinimumPasswordLength = defaultUpdateMinLength
	}
	a.s.passwordPolicy = p
	return nil
}

func bound(c *checks, v int, member string, lo, hi int) {
	if v < lo {
		c.add(strconv.Itoa(v), member, "have value greater than or equal to "+strconv.Itoa(lo))
	} else {
		c.add(strconv.Itoa(v), member, "have value less than or equal to "+strconv.Itoa(hi))
	}
}

// GetAccountPasswordPolicyOutput is GetAccountPasswordPolicy's response.
type GetAccountPasswordPolicyOutput struct {
	PasswordPolicy PasswordPolicy
}

// GetAccountPasswordPolicy returns the account's password policy;
// NoSuchEntity when it has none (and the default policy applies).
func (a *Account) GetAccountPasswordPolicy() (*GetAccountPasswordPolicyOutput, error) {
	if a.s.passwordPolicy == nil {
		return nil, errorf(ErrNoSuchEntity, "The Password Policy with domain name %s cannot be found.", a.s.id)
	}
	return &GetAccountPasswordPolicyOutput{PasswordPolicy: *a.s.passwordPolicy}, nil
}

// DeleteAccountPasswordPolicy removes the password policy; the default
// applies again. NoSuchEntity when there is none.
func (a *Account) DeleteAccountPasswordPolicy() error {
	if a.s.passwordPolicy == nil {
		return errorf(ErrNoSuchEntity, "The account policy with name PasswordPolicy cannot be found.")
	}
	a.s.passwordPolicy = nil
	return nil
}

// checkComplexity applies the password policy's length and character
// rules to a new password, or, when the account has no policy, AWS's
// default: at least 8 characters with three of uppercase, lowercase,
// numbers and symbols.
func checkComplexity(p *PasswordPolicy, password string) error {
	var upper, lower, digit, symbol bool
	for i := 0; i < len(password); i++ {
		ch := password[i]
		switch {
		case 'A' <= ch && ch <= 'Z':
			upper = true
		case 'a' <= ch && ch <= 'z':
			lower = true
		case '0' <= ch && ch <= '9':
			digit = true
		case strings.IndexByte(passwordSymbols, ch) >= 0:
			symbol = true
		}
	}
	n := runeLen(password)
	if p == nil {
		kinds := 0
		for _, k := range []bool{upper, lower, digit, symbol} {
			if k {
				kinds++
			}
		}
		switch {
		case n < defaultPolicyMinLength:
			return errorf(ErrPasswordPolicyViolation, "Password should have a minimum length of %d", defaultPolicyMinLength)
		case kinds < 3:
			return errorf(ErrPasswordPolicyViolation, "Password should have at least three of: uppercase letters, lowercase letters, numbers and symbols (%s)", passwordSymbols)
		}
		return nil
	}
	var missing []string
	if n < p.MinimumPasswordLength {
		missing = append(missing, "a minimum length of "+strconv.Itoa(p.MinimumPasswordLength))
	}
	if p.RequireUppercaseCharacters && !upper {
		missing = append(missing, "at least one uppercase letter")
	}
	if p.RequireLowercaseCharacters && !lower {
		missing = append(missing, "at least one lowercase letter")
	}
	if p.RequireNumbers && !digit {
		missing = append(missing, "at least one number")
	}
	if p.RequireSymbols && !symbol {
		missing = append(missing, "at least one symbol")
	}
	if len(missing) > 0 {
		return errorf(ErrPasswordPolicyViolation, "Password should have %s", strings.Join(missing, ", "))
	}
	return nil
}
