package org_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/iamlab/iamlab/engine/org"
)

func ExampleOrganization_Levels() {
	o, err := org.New("111111111111", org.Env{Rand: rand.NewChaCha8([32]byte{})})
	if err != nil {
		fmt.Println(err)
		return
	}
	sandbox, _ := o.CreateOrganizationalUnit(org.CreateOrganizationalUnitInput{ParentId: o.RootID(), Name: "Sandbox"})
	_ = o.AddAccount(org.AddAccountInput{AccountId: "222222222222", ParentId: sandbox.Id})
	deny, _ := o.CreatePolicy(org.CreatePolicyInput{
		Name:    "NoLeavingTheOrg",
		Type:    org.ServiceControlPolicy,
		Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}`,
	})
	_ = o.AttachPolicy(org.PolicyAttachmentInput{PolicyId: deny.PolicySummary.Id, TargetId: sandbox.Id})

	scp, rcp, ok := o.Levels("222222222222")
	fmt.Println(ok, len(scp), len(rcp))
	for i, level := range scp {
		var names []string
		for _, p := range level.Policies {
			names = append(names, p.ID)
		}
		fmt.Println([]string{"root", "OU", "account"}[i], names)
	}
	// SCPs and RCPs do not apply to the management account.
	_, _, ok = o.Levels("111111111111")
	fmt.Println(ok)
	// Output:
	// true 3 3
	// root [FullAWSAccess]
	// OU [FullAWSAccess NoLeavingTheOrg]
	// account [FullAWSAccess]
	// false
}
