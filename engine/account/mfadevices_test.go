package account

import (
	"testing"
	"time"

	"github.com/iamlab/iamlab/engine/mfa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newDevice(t *testing.T, a *Account, name string) (string, []byte) {
	out := must[*CreateVirtualMFADeviceOutput](t)(a.CreateVirtualMFADevice(CreateVirtualMFADeviceInput{VirtualMFADeviceName: name}))
	seed, err := mfa.DecodeBase32(out.VirtualMFADevice.Base32StringSeed)
	require.NoError(t, err)
	return out.VirtualMFADevice.SerialNumber, seed
}

func TestMFADevices(t *testing.T) {
	t.Run("enable, verify, deactivate, delete (id_credentials_mfa_enable_virtual.md)", func(t *testing.T) {
		a, clock := newTestAccount(t)
		must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "u"}))
		serial, seed := newDevice(t, a, "u-phone")
		assert.Equal(t, "arn:aws:iam::111122223333:mfa/u-phone", serial)
		c1, c2 := mfaCodes(seed, clock.t)
		require.NoError(t, a.EnableMFADevice(MFADeviceCodesInput{UserName: "u", SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2}))
		list := must[*ListMFADevicesOutput](t)(a.ListMFADevices(ListMFADevicesInput{UserName: "u"}))
		assert.Equal(t, []MFADevice{{UserName: "u", SerialNumber: serial, EnableDate: clock.t}}, list.MFADevices)

		clock.advance(time.Minute)
		require.NoError(t, a.CheckMFACode(CheckMFACodeInput{UserName: "u", SerialNumber: serial, Code: mfa.Code(seed, clock.t)}))
		assert.ErrorIs(t, a.CheckMFACode(CheckMFACodeInput{UserName: "u", SerialNumber: serial, Code: "000000"}), ErrInvalidAuthenticationCode)

		err := a.DeleteUser(DeleteUserInput{UserName: "u"})
		assert.EqualError(t, err, "DeleteConflict: Cannot delete entity, must delete MFA device first.")
		require.NoError(t, a.DeactivateMFADevice(DeactivateMFADeviceInput{UserName: "u", SerialNumber: serial}))
		vs := must[*ListVirtualMFADevicesOutput](t)(a.ListVirtualMFADevices(ListVirtualMFADevicesInput{AssignmentStatus: "Unassigned"}))
		require.Len(t, vs.VirtualMFADevices, 1)
		assert.Empty(t, vs.VirtualMFADevices[0].Base32StringSeed, "the seed is shown once")
		require.NoError(t, a.DeleteVirtualMFADevice(DeleteVirtualMFADeviceInput{SerialNumber: serial}))
		require.NoError(t, a.DeleteUser(DeleteUserInput{UserName: "u"}))
	})
	t.Run("a user may use up to 8 devices (reference_iam-quotas.md)", func(t *testing.T) {
		a, clock := newTestAccount(t)
		must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "u"}))
		for i := range 9 {
			serial, seed := newDevice(t, a, "d"+itoa(i))
			c1, c2 := mfaCodes(seed, clock.t)
			err := a.EnableMFADevice(MFADeviceCodesInput{UserName: "u", SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2})
			if i < 8 {
				require.NoError(t, err)
			} else {
				assert.EqualError(t, err, "LimitExceeded: Cannot exceed quota for MFADevicesPerUser: 8")
			}
		}
		assert.Len(t, must[*ListMFADevicesOutput](t)(a.ListMFADevices(ListMFADevicesInput{UserName: "u"})).MFADevices, 8)
	})
	t.Run("the root user's device (id_credentials_mfa.md)", func(t *testing.T) {
		a, clock := newTestAccount(t)
		serial, seed := newDevice(t, a, "root-account-mfa-device")
		c1, c2 := mfaCodes(seed, clock.t)
		require.NoError(t, a.EnableMFADevice(MFADeviceCodesInput{SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2}))
		vs := must[*ListVirtualMFADevicesOutput](t)(a.ListVirtualMFADevices(ListVirtualMFADevicesInput{AssignmentStatus: "Assigned"}))
		require.Len(t, vs.VirtualMFADevices, 1)
		assert.Equal(t, "arn:aws:iam::111122223333:root", vs.VirtualMFADevices[0].User.Arn)
		clock.advance(time.Minute)
		require.NoError(t, a.CheckMFACode(CheckMFACodeInput{SerialNumber: serial, Code: mfa.Code(seed, clock.t)}))
	})
	t.Run("resync after drift (id_credentials_mfa_sync.md)", func(t *testing.T) {
		f := newFixture(t)
		drifted := f.clock.t.Add(4 * time.Minute)
		c1, c2 := mfaCodes(f.aliceSeed, drifted)
		require.NoError(t, f.a.ResyncMFADevice(MFADeviceCodesInput{UserName: "alice", SerialNumber: f.aliceMFA, AuthenticationCode1: c1, AuthenticationCode2: c2}))
	})
	t.Run("device tags are case-sensitive (id_tags_virtual-mfa.md)", func(t *testing.T) {
		f := newFixture(t)
		require.NoError(t, f.a.TagMFADevice(TagMFADeviceInput{SerialNumber: f.spareMFA, Tags: []Tag{{"A", "1"}, {"a", "2"}}}))
		require.NoError(t, f.a.UntagMFADevice(UntagMFADeviceInput{SerialNumber: f.spareMFA, TagKeys: []string{"a"}}))
		assert.Equal(t, []Tag{{"A", "1"}}, must[*ListTagsOutput](t)(f.a.ListMFADeviceTags(ListMFADeviceTagsInput{SerialNumber: f.spareMFA})).Tags)
	})
}

func TestProviders(t *testing.T) {
	t.Run("OIDC (id_roles_providers_create_oidc.md)", func(t *testing.T) {
		f := newFixture(t)
		a := f.a
		assert.Equal(t, "arn:aws:iam::111122223333:oidc-provider/token.example.com", f.oidc)
		require.NoError(t, a.AddClientIDToOpenIDConnectProvider(OpenIDConnectProviderClientIDInput{OpenIDConnectProviderArn: f.oidc, ClientID: "my-app"}))
		require.NoError(t, a.AddClientIDToOpenIDConnectProvider(OpenIDConnectProviderClientIDInput{OpenIDConnectProviderArn: f.oidc, ClientID: "my-app"}), "idempotent")
		require.NoError(t, a.RemoveClientIDFromOpenIDConnectProvider(OpenIDConnectProviderClientIDInput{OpenIDConnectProviderArn: f.oidc, ClientID: "absent"}), "idempotent")
		tp := "0123456789abcdef0123456789abcdef01234567"
		require.NoError(t, a.UpdateOpenIDConnectProviderThumbprint(UpdateOpenIDConnectProviderThumbprintInput{OpenIDConnectProviderArn: f.oidc, ThumbprintList: []string{tp}}))
		require.NoError(t, a.TagOpenIDConnectProvider(TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: f.oidc, Tags: []Tag{{"b", "2"}, {"a", "1"}}}))
		got := must[*GetOpenIDConnectProviderOutput](t)(a.GetOpenIDConnectProvider(OpenIDConnectProviderInput{OpenIDConnectProviderArn: f.oidc}))
		assert.Equal(t, "token.example.com", got.Url)
		assert.Equal(t, []string{"sts.amazonaws.com", "my-app"}, got.ClientIDList)
		assert.Equal(t, []string{tp}, got.ThumbprintList)
		assert.Equal(t, []Tag{{"a", "1"}, {"b", "2"}}, got.Tags, "sorted by key")
		assert.Equal(t, []ProviderListEntry{{Arn: f.oidc}}, a.ListOpenIDConnectProviders())
		path := must[*CreateOpenIDConnectProviderOutput](t)(a.CreateOpenIDConnectProvider(CreateOpenIDConnectProviderInput{Url: "https://example.org/tenant/1"}))
		assert.Equal(t, "arn:aws:iam::111122223333:oidc-provider/example.org/tenant/1", path.OpenIDConnectProviderArn)
		require.NoError(t, a.DeleteOpenIDConnectProvider(OpenIDConnectProviderInput{OpenIDConnectProviderArn: f.oidc}))
		assert.Len(t, a.ListOpenIDConnectProviders(), 1)
	})
	t.Run("SAML (id_roles_providers_create_saml.md)", func(t *testing.T) {
		f := newFixture(t)
		a := f.a
		assert.Equal(t, "arn:aws:iam::111122223333:saml-provider/Corp", f.saml)
		doc := samlMetadata() + "<!-- v2 -->"
		require.NoError(t, a.UpdateSAMLProvider(UpdateSAMLProviderInput{SAMLProviderArn: f.saml, SAMLMetadataDocument: doc}))
		got := must[*GetSAMLProviderOutput](t)(a.GetSAMLProvider(SAMLProviderInput{SAMLProviderArn: f.saml}))
		assert.Equal(t, doc, got.SAMLMetadataDocument)
		require.NoError(t, a.TagSAMLProvider(TagSAMLProviderInput{SAMLProviderArn: f.saml, Tags: []Tag{{"k", "v"}}}))
		require.NoError(t, a.UntagSAMLProvider(UntagSAMLProviderInput{SAMLProviderArn: f.saml, TagKeys: []string{"k"}}))
		assert.Empty(t, must[*ListTagsOutput](t)(a.ListSAMLProviderTags(SAMLProviderInput{SAMLProviderArn: f.saml})).Tags)
		require.Len(t, a.ListSAMLProviders(), 1)
		require.NoError(t, a.DeleteSAMLProvider(SAMLProviderInput{SAMLProviderArn: f.saml}))
		assert.Empty(t, a.ListSAMLProviders())
	})
}

func TestAccountAlias(t *testing.T) {
	a, _ := newTestAccount(t)
	assert.Equal(t, []string{}, a.ListAccountAliases())
	require.NoError(t, a.CreateAccountAlias(CreateAccountAliasInput{AccountAlias: "my-company"}))
	// One alias per account (reference_iam-quotas.md): a new one replaces it.
	require.NoError(t, a.CreateAccountAlias(CreateAccountAliasInput{AccountAlias: "my-company-2"}))
	assert.Equal(t, []string{"my-company-2"}, a.ListAccountAliases())
	require.NoError(t, a.DeleteAccountAlias(DeleteAccountAliasInput{AccountAlias: "my-company-2"}))
	assert.Empty(t, a.ListAccountAliases())
}
