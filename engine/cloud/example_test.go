package cloud_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/cloud"
)

// A user who may assume a role, the role's credentials, and what they allow.
func Example() {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	c, err := cloud.New(cloud.Config{Now: func() time.Time { return now }, Rand: rand.NewChaCha8([32]byte{}), Propagation: 5 * time.Second})
	if err != nil {
		panic(err)
	}
	var alice cloud.Credentials
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(c.CreateAccount("111122223333", "prod"))
	must(c.Admin(func(s *cloud.State) error {
		a := s.Accounts["111122223333"]
		if _, err := a.CreateUser(account.CreateUserInput{UserName: "alice"}); err != nil {
			return err
		}
		key, err := a.CreateAccessKey(account.CreateAccessKeyInput{UserName: "alice"})
		if err != nil {
			return err
		}
		alice = cloud.Credentials{AccessKeyID: key.AccessKey.AccessKeyId, SecretAccessKey: key.AccessKey.SecretAccessKey}
		if err := a.PutUserPolicy(account.PutUserPolicyInput{UserName: "alice", PolicyName: "assume",
			PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`}); err != nil {
			return err
		}
		_, err = a.CreateRole(account.CreateRoleInput{RoleName: "Reader",
			AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}`})
		if err != nil {
			return err
		}
		return a.PutRolePolicy(account.PutRolePolicyInput{RoleName: "Reader", PolicyName: "read",
			PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`})
	}))

	_, _, err = c.AssumeRole("eu-west-1", alice, cloud.AssumeRoleInput{RoleArn: "arn:aws:iam::111122223333:role/Reader", RoleSessionName: "s1"})
	fmt.Println("right away:", err)

	now = now.Add(5 * time.Second) // the changes reach eu-west-1's data plane
	out, _, err := c.AssumeRole("eu-west-1", alice, cloud.AssumeRoleInput{RoleArn: "arn:aws:iam::111122223333:role/Reader", RoleSessionName: "s1"})
	must(err)
	fmt.Println(out.AssumedRoleUser.Arn)
	res, err := c.Authorize("eu-west-1", out.Credentials.Credentials(), cloud.Call{Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q3.pdf"})
	must(err)
	fmt.Println(res.Decision)
	// Output:
	// right away: InvalidClientTokenId: The security token included in the request is invalid.
	// arn:aws:sts::111122223333:assumed-role/Reader/s1
	// allowed
}
