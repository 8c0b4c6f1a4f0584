package account_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/iamlab/iamlab/engine/account"
)

func ExampleImport() {
	snapshot := `{
    "UserDetailList": [{
        "Path": "/", "UserName": "alice", "UserId": "AIDAEXAMPLEALICE12345", "Arn": "arn:aws:iam::111122223333:user/alice",
        "CreateDate": "2024-05-01T09:00:00+00:00", "GroupList": [], "AttachedManagedPolicies": [],
        "UserPolicyList": [{"PolicyName": "ReadReports", "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Areports%2F*%22%7D%5D%7D"}]
    }],
    "GroupDetailList": [], "RoleDetailList": [], "Policies": []
}`
	d, err := account.DecodeAuthorizationDetails([]byte(snapshot))
	if err != nil {
		panic(err)
	}
	env := account.Env{Now: time.Now, Rand: rand.NewChaCha8([32]byte{})}
	a, err := account.Import(d, env, nil)
	if err != nil {
		panic(err)
	}
	policies, _, err := a.PrincipalPolicies("arn:aws:iam::111122223333:user/alice")
	if err != nil {
		panic(err)
	}
	fmt.Println(a.ID(), policies[0].Type, policies[0].ID, policies[0].Document)
	// Output:
	// 111122223333 user ReadReports {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}
}
