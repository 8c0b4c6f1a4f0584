package account

// GetAccountSummaryOutput is GetAccountSummary's response: IAM's
// SummaryMap of usage and quotas.
type GetAccountSummaryOutput struct {
	SummaryMap map[string]int
}

// GetAccountSummary counts the account's entities and reports its quotas
// under IAM's SummaryMap keys (reference_iam-quotas.md points to it).
// Server certificates are not modelled and count 0.
func (a *Account) GetAccountSummary() *GetAccountSummaryOutput {
	q := a.s.quotas
	var customer, versions int
	for _, p := range a.s.policies {
		if !p.awsManaged {
			customer++
			versions += len(p.versions)
		}
	}
	inUse := 0
	rootMFA := 0
	for _, d := range a.s.devices {
		if d.enabled() {
			inUse++
			if d.root {
				rootMFA = 1
			}
		}
	}
	rootKeys := 0
	if len(a.s.root.keys) > 0 {
		rootKeys = 1
	}
	return &GetAccountSummaryOutput{SummaryMap: map[string]int{
		"Users":                             len(a.s.users),
		"UsersQuota":                        q.Users,
		"Groups":                            len(a.s.groups),
		"GroupsQuota":                       q.Groups,
		"Roles":                             len(a.s.roles),
		"RolesQuota":                        q.Roles,
		"Policies":                          customer,
		"PoliciesQuota":                     q.Policies,
		"PolicyVersionsInUse":               versions,
		"InstanceProfiles":                  len(a.s.profiles),
		"InstanceProfilesQuota":             q.InstanceProfiles,
		"MFADevices":                        len(a.s.devices),
		"MFADevicesInUse":                   inUse,
		"AccountMFAEnabled":                 rootMFA,
		"AccountAccessKeysPresent":          rootKeys,
		"AccountSigningCertificatesPresent": 0, // root signing certificates are not modelled
		"Providers":                         len(a.s.oidc) + len(a.s.saml),
		"ServerCertificates":                0,
		"GroupsPerUserQuota":                q.GroupsPerUser,
		"AttachedPoliciesPerUserQuota":      q.PoliciesPerUser,
		"AttachedPoliciesPerGroupQuota":     q.PoliciesPerGroup,
		"AttachedPoliciesPerRoleQuota":      q.PoliciesPerRole,
		"PolicySizeQuota":                   q.ManagedPolicySize,
		"VersionsPerPolicyQuota":            q.PolicyVersions,
		"UserPolicySizeQuota":               q.UserPolicySize,
		"GroupPolicySizeQuota":              q.GroupPolicySize,
		"RolePolicySizeQuota":               q.RolePolicySize,
		"AssumeRolePolicySizeQuota":         q.TrustPolicySize,
		"AccessKeysPerUserQuota":            q.AccessKeysPerUser,
		"SigningCertificatesPerUserQuota":   q.SigningCertsPerUser,
	}}
}
