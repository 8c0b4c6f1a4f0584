package account_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/principal"
)

// newAccount makes an account with a fixed clock and a seeded random
// source, so that its IDs and keys are the same on every run.
func newAccount() *account.Account {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	a, err := account.New("111122223333", account.Env{
		Now:  func() time.Time { return now },
		Rand: rand.NewChaCha8([32]byte{}),
	})
	if err != nil {
		panic(err)
	}
	return a
}

func ExampleAccount_CreateUser() {
	a := newAccount()
	out, err := a.CreateUser(account.CreateUserInput{UserName: "Jane", Path: "/engineering/"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.User.Arn)
	fmt.Println(out.User.UserId)
	fmt.Println(out.User.CreateDate)

	// Names are unique ignoring case.
	_, err = a.CreateUser(account.CreateUserInput{UserName: "JANE"})
	fmt.Println(err)
	fmt.Println(errors.Is(err, account.ErrEntityAlreadyExists))
	// Output:
	// arn:aws:iam::111122223333:user/engineering/Jane
	// AIDAZH6ONWKM2PB6GHHL3
	// 2026-03-01 12:00:00 +0000 UTC
	// EntityAlreadyExists: User with name JANE already exists.
	// true
}

func ExampleAccount_CreateAccessKey() {
	a := newAccount()
	if _, err := a.CreateUser(account.CreateUserInput{UserName: "bob"}); err != nil {
		fmt.Println(err)
		return
	}
	out, _ := a.CreateAccessKey(account.CreateAccessKeyInput{UserName: "bob"})
	key := out.AccessKey
	fmt.Println(key.AccessKeyId, len(key.SecretAccessKey))

	// The secret is shown once; the account keeps only its hash.
	owner, check := a.VerifyAccessKey(key.AccessKeyId, key.SecretAccessKey)
	fmt.Println(check, owner.Arn)
	_, check = a.VerifyAccessKey(key.AccessKeyId, "not the secret")
	fmt.Println(check)
	// Output:
	// AKIA37D4BB6EK5KIYUUN 40
	// Valid arn:aws:iam::111122223333:user/bob
	// WrongSecret
}

func ExampleAccount_IdentityPolicies() {
	a := newAccount()
	steps := []error{
		errOnly(a.CreateUser(account.CreateUserInput{UserName: "alice"})),
		errOnly(a.CreateGroup(account.CreateGroupInput{GroupName: "readers"})),
		a.AddUserToGroup(account.GroupMembershipInput{GroupName: "readers", UserName: "alice"}),
		a.AttachGroupPolicy(account.GroupPolicyAttachmentInput{GroupName: "readers", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess"}),
		a.PutUserPolicy(account.PutUserPolicyInput{UserName: "alice", PolicyName: "NoDeletes", PolicyDocument: `{
			"Version": "2012-10-17",
			"Statement": [{"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}]
		}`}),
	}
	if err := errors.Join(steps...); err != nil {
		fmt.Println(err)
		return
	}
	alice := principal.Principal{Type: principal.User, Account: "111122223333", ARN: "arn:aws:iam::111122223333:user/alice"}
	identity, boundary, _ := a.IdentityPolicies(alice)
	for _, p := range identity {
		fmt.Println(p.Source, p.ID)
	}
	ps := &eval.Policies{Identity: identity, Boundary: boundary}
	for _, action := range []string{"s3:GetObject", "s3:DeleteObject", "s3:PutObject"} {
		d := eval.Evaluate(ps, &eval.Request{Principal: alice, Action: action, Resource: "arn:aws:s3:::bucket/key"})
		fmt.Println(action, d)
	}
	// Output:
	// user NoDeletes
	// aws-managed ReadOnlyAccess
	// s3:GetObject allowed
	// s3:DeleteObject explicitDeny
	// s3:PutObject implicitDeny
}

func ExampleAccount_CheckPassword() {
	a := newAccount()
	_ = errOnly(a.CreateUser(account.CreateUserInput{UserName: "carol"}))
	_ = a.UpdateAccountPasswordPolicy(account.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 12, RequireNumbers: true, MaxPasswordAge: 90})

	_, err := a.CreateLoginProfile(account.CreateLoginProfileInput{UserName: "carol", Password: "short1"})
	fmt.Println(err)
	_, err = a.CreateLoginProfile(account.CreateLoginProfileInput{UserName: "carol", Password: "long-enough-2", PasswordResetRequired: true})
	fmt.Println(err)

	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		password string
		at       time.Time
	}{
		{"wrong", now},
		{"long-enough-2", now},
		{"long-enough-2", now.AddDate(0, 0, 90)},
	} {
		check, _ := a.CheckPassword("carol", c.password, c.at)
		fmt.Println(check)
	}
	// Output:
	// PasswordPolicyViolation: Password should have a minimum length of 12
	// <nil>
	// Wrong
	// ResetRequired
	// Expired
}

func ExampleAccount_DeleteUser() {
	a := newAccount()
	_ = errOnly(a.CreateUser(account.CreateUserInput{UserName: "dave"}))
	_ = errOnly(a.CreateAccessKey(account.CreateAccessKeyInput{UserName: "dave"}))
	before := a.Clone()

	err := a.DeleteUser(account.DeleteUserInput{UserName: "dave"})
	fmt.Println(err)
	// A failed operation changes nothing.
	_, err = a.GetUser(account.GetUserInput{UserName: "dave"})
	fmt.Println(err)
	_, err = before.GetUser(account.GetUserInput{UserName: "dave"})
	fmt.Println(err)
	// Output:
	// DeleteConflict: Cannot delete entity, must delete access keys first.
	// <nil>
	// <nil>
}

func errOnly[T any](_ T, err error) error { return err }
