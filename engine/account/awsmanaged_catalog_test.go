package account

import (
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

// Every AWS managed policy registers: AWS managed policies have no size
// quota (reference_iam-quotas.md limits customer managed ones), and some
// are longer than the 131,072 characters of IAM's document parameter.
func TestRegisterCatalogAWSManagedPolicies(t *testing.T) {
	policies, err := catalog.LoadManagedPolicies()
	require.NoError(t, err)
	a, _ := newTestAccount(t)
	require.NoError(t, a.RegisterCatalogAWSManagedPolicies(policies))
	list := must[*ListPoliciesOutput](t)(a.ListPolicies(ListPoliciesInput{Scope: "AWS"}))
	assert.GreaterOrEqual(t, len(list.Policies), len(policies.Policies))
	assert.ErrorIs(t, a.RegisterCatalogAWSManagedPolicies(nil), ErrInvalidInput)
}

// AWSSupportServiceRolePolicy is over 131,072 characters: it registers, and
// as a policy under /aws-service-role/ it attaches to its service-linked
// role only (PolicyNotAttachable elsewhere).
func TestLargeAWSManagedServiceRolePolicy(t *testing.T) {
	policies, err := catalog.LoadManagedPolicies()
	require.NoError(t, err)
	const support = "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"
	p, ok := policies.Lookup(support)
	require.True(t, ok)
	require.Greater(t, len(p.Document), maxPolicyDocument, "the case this test is about")
	a, _ := newTestAccount(t)
	mustOK(t, a.RegisterCatalogAWSManagedPolicy(policies, support))
	must[*CreateRoleOutput](t)(a.CreateRole(CreateRoleInput{RoleName: "Plain", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`}))
	err = a.AttachRolePolicy(RolePolicyAttachmentInput{RoleName: "Plain", PolicyArn: support})
	assert.ErrorIs(t, err, ErrPolicyNotAttachable)
	slr := must[*CreateServiceLinkedRoleOutput](t)(a.CreateServiceLinkedRole(CreateServiceLinkedRoleInput{AWSServiceName: "support.amazonaws.com"}))
	attached := must[*ListAttachedPoliciesOutput](t)(a.ListAttachedRolePolicies(ListAttachedRolePoliciesInput{RoleName: slr.Role.RoleName}))
	require.Len(t, attached.AttachedPolicies, 1)
	assert.Equal(t, support, attached.AttachedPolicies[0].PolicyArn)

	_, err = a.CreatePolicy(CreatePolicyInput{PolicyName: "Big", PolicyDocument: p.Document})
	assert.ErrorIs(t, err, ErrValidation, "a customer document is held to the parameter's 131,072 characters")
	assert.ErrorIs(t, a.RegisterCatalogAWSManagedPolicies(nil), ErrInvalidInput)
}

func TestCatalogAWSManagedPolicyIsIndented(t *testing.T) {
	p := CatalogAWSManagedPolicy(catalog.ManagedPolicy{Name: "X", Path: "/", Document: `{"Version":"2012-10-17","Statement":[]}`})
	assert.Equal(t, "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": []\n}", p.Document)
}
