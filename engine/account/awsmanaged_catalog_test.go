package account

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/catalog"
)

// AWS managed policies are attachable by their ARN, with AWS's path in it
// (access_policies_managed-vs-inline.md, "AWS managed policies").
func TestRegisterCatalogAWSManagedPolicy(t *testing.T) {
	policies, err := catalog.LoadManagedPolicies()
	require.NoError(t, err)
	a, _ := newTestAccount(t)

	const viewOnly = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
	_, err = a.GetPolicy(GetPolicyInput{PolicyArn: viewOnly})
	require.ErrorIs(t, err, ErrNoSuchEntity, "not among the built-in policies")
	mustOK(t, a.RegisterCatalogAWSManagedPolicy(policies, viewOnly))
	got := must[*GetPolicyOutput](t)(a.GetPolicy(GetPolicyInput{PolicyArn: viewOnly}))
	assert.Equal(t, "ViewOnlyAccess", got.Policy.PolicyName)
	assert.Equal(t, "/job-function/", got.Policy.Path)
	assert.True(t, got.Policy.IsAttachable)

	must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "alice"}))
	mustOK(t, a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "alice", PolicyArn: viewOnly}))

	// The built-in, abridged ReadOnlyAccess gets AWS's document as its new
	// default version.
	const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	mustOK(t, a.RegisterCatalogAWSManagedPolicy(policies, readOnly))
	ro := must[*GetPolicyOutput](t)(a.GetPolicy(GetPolicyInput{PolicyArn: readOnly}))
	assert.Equal(t, "v2", ro.Policy.DefaultVersionId)
	v := must[*GetPolicyVersionOutput](t)(a.GetPolicyVersion(GetPolicyVersionInput{PolicyArn: readOnly, VersionId: "v2"}))
	assert.NotContains(t, v.PolicyVersion.Document, "Abridged")

	err = a.RegisterCatalogAWSManagedPolicy(policies, "arn:aws:iam::aws:policy/NoSuchPolicy")
	assert.ErrorIs(t, err, ErrNoSuchEntity)
	err = a.RegisterCatalogAWSManagedPolicy(policies, "ViewOnlyAccess")
	assert.ErrorIs(t, err, ErrNoSuchEntity, "by ARN only")
	assert.ErrorIs(t, a.RegisterCatalogAWSManagedPolicy(nil, viewOnly), ErrInvalidInput)
}

// Every AWS managed policy registers, except any longer than IAM's
// document parameter allows, which is reported.
func TestRegisterCatalogAWSManagedPolicies(t *testing.T) {
	policies, err := catalog.LoadManagedPolicies()
	require.NoError(t, err)
	a, _ := newTestAccount(t)
	err = a.RegisterCatalogAWSManagedPolicies(policies)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			if strings.HasPrefix(line, "arn:") {
				assert.Contains(t, line, "length less than or equal to 131072", "only over-long documents fail")
			}
		}
	}
	list := must[*ListPoliciesOutput](t)(a.ListPolicies(ListPoliciesInput{Scope: "AWS"}))
	assert.Greater(t, len(list.Policies), len(policies.Policies)-5)
	assert.ErrorIs(t, a.RegisterCatalogAWSManagedPolicies(nil), ErrInvalidInput)
}

func TestCatalogAWSManagedPolicyIsIndented(t *testing.T) {
	p := CatalogAWSManagedPolicy(catalog.ManagedPolicy{Name: "X", Path: "/", Document: `{"Version":"2012-10-17","Statement":[]}`})
	assert.Equal(t, "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": []\n}", p.Document)
}
