package account

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/engine/mfa"
	"github.com/stretchr/testify/require"
)

// fixture is an account with one of most things, for tests of failures.
type fixture struct {
	a          *Account
	clock      *testClock
	s3Read     string // customer policy ARN, versions v1 and v2 (default)
	unused     string // customer policy ARN, one version, attached nowhere
	readOnly   string // AWS managed ReadOnlyAccess
	supportPol string // AWS managed service-role policy
	aliceKey   string // alice's access key ID
	aliceMFA   string // serial of the device enabled for alice
	aliceSeed  []byte // its secret
	spareMFA   string // serial of an unassigned device
	aliceSSH   string // alice's SSH key ID
	aliceCert  string // alice's signing certificate ID
	oidc       string // OIDC provider ARN
	saml       string // SAML provider ARN
	slr        string // name of a service-linked role
	armed      *state // the state a failing operation must leave, once set up
}

// arm records the state after a test's setup: the failing operation that
// follows must leave exactly this.
func (f *fixture) arm() {
	s := f.a.s.clone()
	f.armed = &s
}

// samlMetadata is an opaque metadata document of the minimum length.
func samlMetadata() string {
	return `<EntityDescriptor entityID="https://idp.example.com">` + strings.Repeat(" ", 1000) + `</EntityDescriptor>`
}

// testSSHKey is an RSA public key in OpenSSH form, made deterministically
// enough for tests (its bytes do not matter).
func testSSHKey(t testing.TB, n int64) string {
	k := &rsa.PublicKey{N: new(big.Int).Lsh(big.NewInt(n|1), 2040), E: 65537}
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(sshRSABlob(k)) + " test@example"
}

// testCert is a self-signed Ed25519 certificate valid from 2020 to 2040.
func testCert(t testing.TB, seed byte) string {
	var s [ed25519.SeedSize]byte
	s[0] = seed
	key := ed25519.NewKeyFromSeed(s[:])
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(int64(seed) + 1),
		Subject:      pkix.Name{CommonName: "iamlab test"},
		NotBefore:    time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// mfaCodes returns two consecutive codes of a device at now.
func mfaCodes(seed []byte, now time.Time) (string, string) {
	return mfa.Code(seed, now), mfa.Code(seed, now.Add(30*time.Second))
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	a, clock := newTestAccount(t)
	f := &fixture{a: a, clock: clock}
	f.readOnly = AWSManagedPolicyARN("/", "ReadOnlyAccess")
	f.supportPol = AWSManagedPolicyARN("/aws-service-role/", "AWSSupportServiceRolePolicy")

	mustOK(t, a.CreateAccountAlias(CreateAccountAliasInput{AccountAlias: "example-corp"}))
	mustOK(t, a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 10, RequireNumbers: true, PasswordReusePrevention: 3, MaxPasswordAge: 90}))

	p := must[*CreatePolicyOutput](t)(a.CreatePolicy(CreatePolicyInput{PolicyName: "S3Read", PolicyDocument: allowS3}))
	f.s3Read = p.Policy.Arn
	must[*CreatePolicyVersionOutput](t)(a.CreatePolicyVersion(CreatePolicyVersionInput{PolicyArn: f.s3Read, PolicyDocument: allowEC2, SetAsDefault: true}))
	f.unused = must[*CreatePolicyOutput](t)(a.CreatePolicy(CreatePolicyInput{PolicyName: "Unused", Path: "/team/", PolicyDocument: allowS3})).Policy.Arn

	must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "alice", Path: "/eng/", Tags: []Tag{{"Team", "blue"}}, PermissionsBoundary: f.readOnly}))
	must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "bob"}))
	must[*CreateGroupOutput](t)(a.CreateGroup(CreateGroupInput{GroupName: "dev"}))
	must[*CreateGroupOutput](t)(a.CreateGroup(CreateGroupInput{GroupName: "ops"}))
	mustOK(t, a.AddUserToGroup(GroupMembershipInput{GroupName: "dev", UserName: "alice"}))
	mustOK(t, a.PutGroupPolicy(PutGroupPolicyInput{GroupName: "dev", PolicyName: "DevEC2", PolicyDocument: allowEC2}))
	mustOK(t, a.AttachGroupPolicy(GroupPolicyAttachmentInput{GroupName: "dev", PolicyArn: f.s3Read}))
	mustOK(t, a.PutUserPolicy(PutUserPolicyInput{UserName: "alice", PolicyName: "AliceS3", PolicyDocument: allowS3}))
	mustOK(t, a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "alice", PolicyArn: f.readOnly}))
	must[*LoginProfileOutput](t)(a.CreateLoginProfile(CreateLoginProfileInput{UserName: "alice", Password: "alice-pass-1"}))
	f.aliceKey = must[*CreateAccessKeyOutput](t)(a.CreateAccessKey(CreateAccessKeyInput{UserName: "alice"})).AccessKey.AccessKeyId
	f.aliceSSH = must[*SSHPublicKeyOutput](t)(a.UploadSSHPublicKey(UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: testSSHKey(t, 1)})).SSHPublicKey.SSHPublicKeyId
	f.aliceCert = must[*SigningCertificateOutput](t)(a.UploadSigningCertificate(UploadSigningCertificateInput{UserName: "alice", CertificateBody: testCert(t, 1)})).Certificate.CertificateId

	dev := must[*CreateVirtualMFADeviceOutput](t)(a.CreateVirtualMFADevice(CreateVirtualMFADeviceInput{VirtualMFADeviceName: "alice-phone"}))
	f.aliceMFA = dev.VirtualMFADevice.SerialNumber
	seed, err := mfa.DecodeBase32(dev.VirtualMFADevice.Base32StringSeed)
	require.NoError(t, err)
	f.aliceSeed = seed
	c1, c2 := mfaCodes(seed, clock.t)
	mustOK(t, a.EnableMFADevice(MFADeviceCodesInput{UserName: "alice", SerialNumber: f.aliceMFA, AuthenticationCode1: c1, AuthenticationCode2: c2}))
	clock.advance(2 * time.Minute)
	f.spareMFA = must[*CreateVirtualMFADeviceOutput](t)(a.CreateVirtualMFADevice(CreateVirtualMFADeviceInput{VirtualMFADeviceName: "spare", Path: "/spares/"})).VirtualMFADevice.SerialNumber

	must[*CreateRoleOutput](t)(a.CreateRole(CreateRoleInput{RoleName: "app", AssumeRolePolicyDocument: trustEC2, Tags: []Tag{{"Tier", "web"}}}))
	must[*CreateRoleOutput](t)(a.CreateRole(CreateRoleInput{RoleName: "bare", AssumeRolePolicyDocument: trustEC2}))
	mustOK(t, a.PutRolePolicy(PutRolePolicyInput{RoleName: "app", PolicyName: "AppS3", PolicyDocument: allowS3}))
	mustOK(t, a.AttachRolePolicy(RolePolicyAttachmentInput{RoleName: "app", PolicyArn: f.s3Read}))
	must[*InstanceProfileOutput](t)(a.CreateInstanceProfile(CreateInstanceProfileInput{InstanceProfileName: "web"}))
	must[*InstanceProfileOutput](t)(a.CreateInstanceProfile(CreateInstanceProfileInput{InstanceProfileName: "spare"}))
	mustOK(t, a.AddRoleToInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "web", RoleName: "app"}))
	f.slr = must[*CreateServiceLinkedRoleOutput](t)(a.CreateServiceLinkedRole(CreateServiceLinkedRoleInput{AWSServiceName: "support.amazonaws.com"})).Role.RoleName

	f.oidc = must[*CreateOpenIDConnectProviderOutput](t)(a.CreateOpenIDConnectProvider(CreateOpenIDConnectProviderInput{
		Url: "https://token.example.com", ClientIDList: []string{"sts.amazonaws.com"}, ThumbprintList: []string{strings.Repeat("a", 40)},
	})).OpenIDConnectProviderArn
	f.saml = must[*CreateSAMLProviderOutput](t)(a.CreateSAMLProvider(CreateSAMLProviderInput{Name: "Corp", SAMLMetadataDocument: samlMetadata()})).SAMLProviderArn
	return f
}
