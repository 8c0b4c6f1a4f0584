package account

import "reflect"

// Quotas are the limits an account's operations enforce. [DefaultQuotas]
// has AWS's defaults (reference_iam-quotas.md); the adjustable ones can be
// raised in AWS through Service Quotas, and here with
// [Account.SetQuotas]. Sizes are characters, white space not counted.
type Quotas struct {
	Users                int // users in the account: 5,000
	Groups               int // groups in the account: 300 (adjustable to 500)
	Roles                int // roles in the account: 1,000 (adjustable to 5,000)
	Policies             int // customer managed policies: 1,500 (adjustable to 5,000)
	InstanceProfiles     int // instance profiles: 1,000 (adjustable to 5,000)
	GroupsPerUser        int // groups a user can be in: 10
	PoliciesPerUser      int // managed policies attached to a user: 10 (adjustable to 20)
	PoliciesPerGroup     int // managed policies attached to a group: 10
	PoliciesPerRole      int // managed policies attached to a role: 10 (adjustable to 20)
	UserPolicySize       int // aggregate inline policy size of a user: 2,048
	GroupPolicySize      int // aggregate inline policy size of a group: 5,120
	RolePolicySize       int // aggregate inline policy size of a role: 10,240
	ManagedPolicySize    int // one managed policy version: 6,144
	TrustPolicySize      int // a role's trust policy: 2,048 (adjustable to 4,096)
	PolicyVersions       int // versions of a managed policy: 5
	AccessKeysPerUser    int // access keys of a user, and of the root user: 2
	SSHPublicKeysPerUser int // SSH public keys of a user: 5
	SigningCertsPerUser  int // signing certificates of a user: 2
	MFADevicesPerUser    int // MFA devices in use by a user, or the root user: 8
	VirtualMFADevices    int // virtual MFA devices in the account: the user quota
	TagsPerResource      int // tags on a user, role, policy, instance profile, provider or MFA device: 50
	OIDCProviders        int // OpenID Connect providers: 100
	SAMLProviders        int // SAML providers: 100
	ClientIDsPerOIDC     int // client IDs (audiences) of one OIDC provider: 100
	ThumbprintsPerOIDC   int // server certificate thumbprints of one OIDC provider: 5
}

// DefaultQuotas returns AWS's default quotas.
func DefaultQuotas() Quotas {
	return Quotas{
		Users:                5000,
		Groups:               300,
		Roles:                1000,
		Policies:             1500,
		InstanceProfiles:     1000,
		GroupsPerUser:        10,
		PoliciesPerUser:      10,
		PoliciesPerGroup:     10,
		PoliciesPerRole:      10,
		UserPolicySize:       2048,
		GroupPolicySize:      5120,
		RolePolicySize:       10240,
		ManagedPolicySize:    6144,
		TrustPolicySize:      2048,
		PolicyVersions:       5,
		AccessKeysPerUser:    2,
		SSHPublicKeysPerUser: 5,
		SigningCertsPerUser:  2,
		MFADevicesPerUser:    8,
		VirtualMFADevices:    5000,
		TagsPerResource:      50,
		OIDCProviders:        100,
		SAMLProviders:        100,
		ClientIDsPerOIDC:     100,
		ThumbprintsPerOIDC:   5,
	}
}

// validate checks that every quota is positive.
func (q Quotas) validate() error {
	v := reflect.ValueOf(q)
	t := v.Type()
	for i := range v.NumField() {
		name := t.Field(i).Name
		if n := v.Field(i).Int(); n < 1 {
			return errorf(ErrInvalidInput, "quota %s must be at least 1, got %d", name, n)
		}
	}
	return nil
}

// Quotas returns the account's quotas.
func (a *Account) Quotas() Quotas { return a.s.quotas }

// SetQuotas replaces the account's quotas; every one must be at least 1.
// Lowering a quota below what the account already holds removes nothing:
// the next operation that would add one more fails with LimitExceeded.
func (a *Account) SetQuotas(q Quotas) error {
	if err := q.validate(); err != nil {
		return err
	}
	a.s.quotas = q
	return nil
}

// quotaError is AWS's LimitExceeded for an account quota:
// "Cannot exceed quota for UsersPerAccount: 5000".
func quotaError(name string, n int) error {
	return errorf(ErrLimitExceeded, "Cannot exceed quota for %s: %d", name, n)
}
