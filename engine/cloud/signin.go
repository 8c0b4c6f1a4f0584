package cloud

import (
	"fmt"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/principal"
)

// SignInInput is a console sign-in: an account (ID or alias), a user
// ("" for the root user), a password and, when the user has MFA, a code.
type SignInInput struct {
	Account  string
	UserName string
	Password string
	MFACode  string
	// MFASerial names the device the code is from, as the console asks a
	// user with several devices to choose one; "" tries each of the
	// user's devices.
	MFASerial string
}

// SignInOutput is a signed-in console session. Its credentials are
// temporary, so aws:MultiFactorAuthPresent is in their requests' context.
type SignInOutput struct {
	Credentials STSCredentials
	// MFAUsed says whether the session proved MFA.
	MFAUsed bool
}

// ConsoleSessionDuration is how long a console session lasts here.
const ConsoleSessionDuration = 12 * time.Hour

// SignIn signs a user in with a password, and with an MFA code when the
// user has an MFA device enabled (id_credentials_mfa.md,
// id_credentials_passwords.md). A password that must be reset or has
// expired lets the user in only to change it: the sign-in fails with
// PasswordResetRequired or PasswordExpired. It reads the data plane of the
// region the request reaches.
func (c *Cloud) SignIn(region string, in SignInInput) (*SignInOutput, error) {
	r, err := c.endpointRegion(region)
	if err != nil {
		return nil, err
	}
	view, _, err := c.plane.Read(r.Name)
	if err != nil {
		return nil, err
	}
	wrong := &Error{Code: "AccessDenied", Message: "Your authentication information is incorrect. Please try again."}
	a := view.Accounts[in.Account]
	if a == nil {
		for _, acct := range view.Accounts {
			if aliases := acct.ListAccountAliases(); len(aliases) > 0 && aliases[0] == in.Account {
				a = acct
			}
		}
	}
	if a == nil {
		return nil, wrong
	}
	p := principal.Principal{Type: principal.Root, ARN: a.RootARN(), Account: a.ID()}
	caller := Caller{Principal: p, UniqueID: a.ID(), Via: "console sign-in"}
	if in.UserName == "" {
		if a.CheckRootPassword(in.Password) != account.PasswordValid {
			return nil, wrong
		}
	} else {
		check, err := a.CheckPassword(in.UserName, in.Password, c.now())
		if err != nil {
			return nil, wrong
		}
		switch check {
		case account.PasswordValid:
		case account.PasswordResetRequired:
			return nil, &Error{Code: "PasswordResetRequired", Message: "You must change your password before you can sign in."}
		case account.PasswordExpired:
			return nil, &Error{Code: "PasswordExpired", Message: "Your password has expired; choose a new one to sign in."}
		case account.PasswordExpiredHard:
			return nil, &Error{Code: "PasswordExpired", Message: "Your password has expired and the account's password policy requires an administrator to reset it."}
		default:
			return nil, wrong
		}
		u, err := a.GetUser(account.GetUserInput{UserName: in.UserName})
		if err != nil {
			return nil, wrong
		}
		caller.Principal = principal.Principal{Type: principal.User, ARN: u.User.Arn, Account: a.ID()}
		caller.UniqueID = u.User.UserId
		if tags, err := a.PrincipalTags(caller.Principal); err == nil {
			caller.Tags = fromAccountTags(tags)
		}
	}
	devices, err := a.ListMFADevices(account.ListMFADevicesInput{UserName: in.UserName})
	if err == nil && len(devices.MFADevices) > 0 {
		if in.MFACode == "" {
			return nil, &Error{Code: "AccessDenied", Message: "This user has MFA enabled: an MFA code is required to sign in."}
		}
		// One device is enough, any of them (id_credentials_mfa.md: "With
		// multiple MFA devices, only one MFA device is needed to sign in").
		var failed error
		for _, d := range devices.MFADevices {
			if in.MFASerial != "" && d.SerialNumber != in.MFASerial {
				continue
			}
			err := c.checkMFA(view, caller.Principal, d.SerialNumber, in.MFACode)
			if err == nil {
				failed = nil
				caller.MFAAt = c.now()
				break
			}
			// A replayed code says more than a code that is not this device's.
			if e, ok := err.(*Error); failed == nil || ok && e.Message == mfaReplayed {
				failed = err
			}
		}
		if caller.MFAAt.IsZero() {
			if failed == nil {
				failed = &Error{Code: "AccessDenied", Message: "MultiFactorAuthentication failed with invalid MFA one time pass code."}
			}
			return nil, failed
		}
	} else if in.MFACode != "" {
		return nil, &Error{Code: "AccessDenied", Message: fmt.Sprintf("No MFA device is enabled for %s.", caller.Principal.ARN)}
	}
	s := &session{kind: FromConsoleSignIn, caller: caller, issuedIn: r.Name, partition: r.Partition}
	out, err := c.mint(s, ConsoleSessionDuration)
	if err != nil {
		return nil, err
	}
	return &SignInOutput{Credentials: out, MFAUsed: !caller.MFAAt.IsZero()}, nil
}
