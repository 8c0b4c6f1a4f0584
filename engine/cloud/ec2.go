package cloud

import (
	"encoding/hex"
	"fmt"
	"io"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/principal"
)

// InstanceCredentialsDuration is how long the credentials an instance gets
// from its instance profile last; EC2 renews them before they expire.
const InstanceCredentialsDuration = 6 * time.Hour

// instance is an EC2 instance launched with an instance profile.
type instance struct {
	id, account, region, profile string
}

// RunInstance launches an EC2 instance with an instance profile, as a
// caller: it needs ec2:RunInstances, and iam:PassRole on the profile's role
// (with iam:PassedToService ec2.amazonaws.com, iam:AssociatedResourceArn
// arn:aws:ec2:REGION:ACCOUNT:instance/*, and the role's tags as
// aws:ResourceTag/… and iam:ResourceTag/…) — the check that keeps a user
// from handing an instance more permissions than the user has
// (id_roles_use_passrole.md, id_roles_use_switch-role-ec2.md).
func (c *Cloud) RunInstance(region string, creds Credentials, profileName string) (string, *Result, error) {
	r, view, version, id, err := c.callerFor(region, creds)
	if err != nil {
		return "", nil, err
	}
	if region == GlobalEndpoint {
		return "", nil, fmt.Errorf("%w: instances run in a region", ErrUnknownRegion)
	}
	acct := id.caller.Principal.Account
	a := view.Accounts[acct]
	if a == nil {
		return "", nil, &Error{Code: "InvalidParameterValue", Message: "Unknown account"}
	}
	prof, err := a.GetInstanceProfile(account.InstanceProfileNameInput{InstanceProfileName: profileName})
	if err != nil {
		return "", nil, &Error{Code: "InvalidParameterValue", Message: fmt.Sprintf("Value (%s) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name", profileName)}
	}
	// troubleshoot_iam-ec2.md: "Empty instance profiles will fail with an
	// AccessDenied error".
	if len(prof.InstanceProfile.Roles) == 0 {
		return "", nil, &Error{Code: "AccessDenied", Message: "The instance profile " + profileName + " has no role: an instance cannot be launched with an empty instance profile."}
	}
	role := prof.InstanceProfile.Roles[0]
	instanceARN := "arn:aws:ec2:" + r.Name + ":" + acct + ":instance/*"
	res := c.decide(r, view, version, id, Call{Action: "ec2:RunInstances", Resource: instanceARN})
	if res.Decision != eval.Allowed {
		return "", res, deniedError(res, "ec2:RunInstances", instanceARN)
	}
	// iam:AssociatedResourceArn is the instance the role goes to
	// (reference_policies_iam-condition-keys.md); its ID is not known
	// before launch, so it is the instance/* ARN RunInstances is
	// authorized on.
	passKeys := append(iamKeys(a, "iam:PassRole", role.Arn, nil),
		eval.Entry{Key: "iam:PassedToService", Type: eval.String, Values: []string{"ec2.amazonaws.com"}},
		eval.Entry{Key: "iam:AssociatedResourceArn", Type: eval.String, Values: []string{instanceARN}})
	res = c.decide(r, view, version, id, Call{Action: "iam:PassRole", Resource: role.Arn, Context: passKeys})
	if res.Decision != eval.Allowed {
		return "", res, deniedError(res, "iam:PassRole", role.Arn)
	}
	var b [9]byte
	if _, err := io.ReadFull(c.rand, b[:]); err != nil {
		return "", res, err
	}
	instanceID := "i-" + hex.EncodeToString(b[:])[:17]
	if c.instances == nil {
		c.instances = map[string]instance{}
	}
	c.instances[instanceID] = instance{id: instanceID, account: acct, region: r.Name, profile: profileName}
	return instanceID, res, nil
}

// InstanceCredentials is what an instance reads from its metadata service:
// credentials for its profile's role, obtained by EC2 (the service
// principal ec2.amazonaws.com) assuming the role — so the role's trust
// policy must allow ec2.amazonaws.com. The session is named after the
// instance, so aws:userid is ROLE-ID:INSTANCE-ID.
//
// RunInstances does not check the trust policy: an instance whose role
// EC2 cannot assume launches, and its metadata has no credentials. The
// errors are those of the metadata's iam documents
// (troubleshoot_iam-ec2.md): AssumeRoleUnauthorizedAccess when the trust
// policy does not allow EC2, InstanceProfileNotFound when the profile was
// deleted.
func (c *Cloud) InstanceCredentials(instanceID string) (*STSCredentials, *Result, error) {
	inst, ok := c.instances[instanceID]
	if !ok {
		return nil, nil, &Error{Code: "InvalidInstanceID.NotFound", Message: "The instance ID '" + instanceID + "' does not exist"}
	}
	r, err := c.endpointRegion(inst.region)
	if err != nil {
		return nil, nil, err
	}
	view, version, err := c.plane.Read(r.Name)
	if err != nil {
		return nil, nil, err
	}
	a := view.Accounts[inst.account]
	if a == nil {
		return nil, nil, &Error{Code: "NoSuchEntity", Message: "The instance's account is gone."}
	}
	prof, err := a.GetInstanceProfile(account.InstanceProfileNameInput{InstanceProfileName: inst.profile})
	if err != nil {
		return nil, nil, &Error{Code: "InstanceProfileNotFound", Message: "The instance profile " + inst.profile + " was deleted: EC2 can no longer provide credentials to instance " + instanceID + "."}
	}
	if len(prof.InstanceProfile.Roles) == 0 {
		return nil, nil, &Error{Code: "NoSuchEntity", Message: "Instance Profile does not contain a role: the instance metadata has no credentials until a role is added to " + inst.profile + "."}
	}
	role, err := lookupRole(a, prof.InstanceProfile.Roles[0].RoleName)
	if err != nil {
		return nil, nil, err
	}
	ec2 := &identity{caller: Caller{Principal: principal.Principal{Type: principal.Service, Service: "ec2.amazonaws.com"}, Via: "EC2"}}
	res := c.trustDecision(r, view, version, ec2, role, "sts:AssumeRole", nil, nil)
	if res.Decision != eval.Allowed {
		return nil, res, withReason(&Error{Code: "AssumeRoleUnauthorizedAccess", Message: "EC2 cannot assume the role " + role.name + ", so the instance metadata has no credentials (iam/security-credentials/" + role.name + "): the role's trust policy does not allow ec2.amazonaws.com to call sts:AssumeRole"}, res)
	}
	sessionARN := "arn:aws:sts::" + inst.account + ":assumed-role/" + role.name + "/" + instanceID
	s := &session{kind: FromInstanceProfile, issuedIn: r.Name, partition: r.Partition,
		caller: Caller{Principal: principal.Principal{Type: principal.RoleSession, ARN: sessionARN, Account: inst.account, Issuer: role.arn},
			UniqueID: role.id, SessionName: instanceID, Tags: role.tags, Via: "instance profile " + inst.profile}}
	out, err := c.mint(s, InstanceCredentialsDuration)
	if err != nil {
		return nil, res, err
	}
	return &out, res, nil
}
