package cloud

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/federation"
)

// id_roles_providers_oidc.md, id_roles_create_for-idp_oidc.md: a CI
// pipeline's OIDC token for a role, checked against audience and subject.
func TestAssumeRoleWithWebIdentity(t *testing.T) {
	w := newWorld(t)
	issuer, err := federation.NewIssuer("https://token.actions.githubusercontent.com", rand.NewChaCha8([32]byte{9}))
	require.NoError(t, err)
	w.cloud.RegisterOIDCIssuer(issuer.URL(), issuer.Keys())
	providerARN := "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
	w.iam(w.root, "iam:CreateOpenIDConnectProvider", providerARN, func(a *account.Account) error {
		_, err := a.CreateOpenIDConnectProvider(account.CreateOpenIDConnectProviderInput{Url: issuer.URL(), ClientIDList: []string{"sts.amazonaws.com"},
			ThumbprintList: []string{"6938fd4d98bab03faadb97b34396831e3780aea1"}})
		return err
	})
	roleARN := w.role("Deploy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"`+providerARN+`"},"Action":"sts:AssumeRoleWithWebIdentity",
		"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo/app:*"}}}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo/app:*"}}}]}`, 0)
	token := func(sub string, exp time.Duration) string {
		tok, err := issuer.Token(federation.Claims{"sub": sub, "aud": "sts.amazonaws.com", "exp": w.now.Add(exp).Unix(), "iat": w.now.Unix()}, w.now)
		require.NoError(t, err)
		return tok
	}

	out, res, err := w.cloud.AssumeRoleWithWebIdentity("eu-west-1", AssumeRoleWithWebIdentityInput{RoleArn: roleARN, RoleSessionName: "gha-42", WebIdentityToken: token("repo:octo/app:ref:refs/heads/main", time.Hour)})
	require.NoError(t, err)
	assert.Equal(t, eval.Allowed, res.Decision)
	assert.Equal(t, "repo:octo/app:ref:refs/heads/main", out.SubjectFromWebIdentityToken)
	assert.Equal(t, "sts.amazonaws.com", out.Audience)
	assert.Equal(t, "arn:aws:sts::111122223333:assumed-role/Deploy/gha-42", out.AssumedRoleUser.Arn)
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", out.Credentials.Credentials(), "s3:PutObject", object), "the subject stays in the session's context")

	_, _, err = w.cloud.AssumeRoleWithWebIdentity("eu-west-1", AssumeRoleWithWebIdentityInput{RoleArn: roleARN, RoleSessionName: "gha-43", WebIdentityToken: token("repo:evil/fork:ref:refs/heads/main", time.Hour)})
	assert.ErrorIs(t, err, ErrAccessDenied, "another repository's token")
	_, _, err = w.cloud.AssumeRoleWithWebIdentity("eu-west-1", AssumeRoleWithWebIdentityInput{RoleArn: roleARN, RoleSessionName: "gha-44", WebIdentityToken: token("repo:octo/app:x", -time.Hour)})
	assert.ErrorIs(t, err, federation.ErrExpiredToken)
	_, _, err = w.cloud.AssumeRoleWithWebIdentity("eu-west-1", AssumeRoleWithWebIdentityInput{RoleArn: roleARN, RoleSessionName: "gha-45", WebIdentityToken: "not.a.token"})
	assert.ErrorIs(t, err, federation.ErrInvalidIdentityToken)
}

// id_roles_providers_saml.md: a SAML assertion for a role.
func TestAssumeRoleWithSAML(t *testing.T) {
	w := newWorld(t)
	idp, err := federation.NewSAMLIdP("https://idp.example.com/saml", rand.NewChaCha8([32]byte{7}))
	require.NoError(t, err)
	providerARN := "arn:aws:iam::111122223333:saml-provider/corp"
	w.iam(w.root, "iam:CreateSAMLProvider", providerARN, func(a *account.Account) error {
		metadata, err := idp.Metadata(w.now, w.now.AddDate(1, 0, 0))
		if err != nil {
			return err
		}
		_, err = a.CreateSAMLProvider(account.CreateSAMLProviderInput{Name: "corp", SAMLMetadataDocument: metadata})
		return err
	})
	roleARN := w.role("Engineers", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"`+providerARN+`"},"Action":["sts:AssumeRoleWithSAML","sts:TagSession"],
		"Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/dept":"eng"}}}]}`, 0)

	assertion, err := idp.Assertion(federation.AssertionInput{Subject: "jdoe@example.com", Roles: []string{roleARN + "," + providerARN},
		RoleSessionName: "jdoe", SessionDuration: 1800, Tags: []federation.Tag{{Key: "dept", Value: "eng"}}}, w.now)
	require.NoError(t, err)
	out, res, err := w.cloud.AssumeRoleWithSAML("us-east-1", AssumeRoleWithSAMLInput{RoleArn: roleARN, PrincipalArn: providerARN, SAMLAssertion: assertion})
	require.NoError(t, err)
	assert.Equal(t, eval.Allowed, res.Decision)
	assert.Equal(t, "jdoe@example.com", out.Subject)
	assert.Equal(t, "persistent", out.SubjectType)
	assert.Equal(t, w.now.Add(30*time.Minute), out.Credentials.Expiration, "the SessionDuration attribute")
	assert.Equal(t, "arn:aws:sts::111122223333:assumed-role/Engineers/jdoe", out.AssumedRoleUser.Arn)
	assert.Equal(t, eval.Allowed, w.decide("us-east-1", out.Credentials.Credentials(), "s3:GetObject", object), "the PrincipalTag attribute became a session tag")

	other := RoleARN(prod, "/", "Admins")
	wrong, err := idp.Assertion(federation.AssertionInput{Subject: "jdoe@example.com", Roles: []string{other + "," + providerARN}, RoleSessionName: "jdoe"}, w.now)
	require.NoError(t, err)
	_, _, err = w.cloud.AssumeRoleWithSAML("us-east-1", AssumeRoleWithSAMLInput{RoleArn: roleARN, PrincipalArn: providerARN, SAMLAssertion: wrong})
	assert.Error(t, err, "the assertion does not map the user to this role")

	impostor, err := federation.NewSAMLIdP("https://idp.example.com/saml", rand.NewChaCha8([32]byte{8}))
	require.NoError(t, err)
	forged, err := impostor.Assertion(federation.AssertionInput{Subject: "root", Roles: []string{roleARN + "," + providerARN}, RoleSessionName: "x1"}, w.now)
	require.NoError(t, err)
	_, _, err = w.cloud.AssumeRoleWithSAML("us-east-1", AssumeRoleWithSAMLInput{RoleArn: roleARN, PrincipalArn: providerARN, SAMLAssertion: forged})
	assert.ErrorIs(t, err, federation.ErrInvalidIdentityToken, "signed with another key")
}
