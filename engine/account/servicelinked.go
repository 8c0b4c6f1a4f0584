package account

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/engine/policy"
)

// serviceLinkedRoleName gives the name part after AWSServiceRoleFor for a
// service principal, and the AWS managed policy the service attaches to
// its role, for the services whose names AWS spells otherwise than the
// principal's first label with a capital. Other services get that
// capitalised label ("lambda.amazonaws.com" → "Lambda") and no policy.
func serviceLinkedRoleName(service string) (suffix, policyName string) {
	label := strings.TrimSuffix(service, ".amazonaws.com")
	switch label {
	case "autoscaling":
		return "AutoScaling", "AutoScalingServiceRolePolicy"
	case "elasticbeanstalk":
		return "ElasticBeanstalk", "AWSElasticBeanstalkServiceRolePolicy"
	case "elasticloadbalancing":
		return "ElasticLoadBalancing", "AWSElasticLoadBalancingServiceRolePolicy"
	case "ecs":
		return "ECS", "AmazonECSServiceRolePolicy"
	case "rds":
		return "RDS", "AmazonRDSServiceRolePolicy"
	case "organizations":
		return "Organizations", "AWSOrganizationsServiceTrustPolicy"
	case "support":
		return "Support", "AWSSupportServiceRolePolicy"
	case "trustedadvisor":
		return "TrustedAdvisor", "AWSTrustedAdvisorServiceRolePolicy"
	case "sso":
		return "SSO", "AWSSSOServiceRolePolicy"
	case "config":
		return "Config", "AWSConfigServiceRolePolicy"
	case "cloudtrail":
		return "CloudTrail", "CloudTrailServiceRolePolicy"
	case "access-analyzer":
		return "AccessAnalyzer", "AccessAnalyzerServiceRolePolicy"
	}
	var b strings.Builder
	for _, part := range strings.FieldsFunc(label, func(r rune) bool { return r == '.' || r == '-' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String(), ""
}

// serviceTrustPolicy is the trust policy of a service-linked role: only
// its service may assume it.
func serviceTrustPolicy(service string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + service + `"},"Action":"sts:AssumeRole"}]}`
}

// CreateServiceLinkedRoleInput is CreateServiceLinkedRole's request.
type CreateServiceLinkedRoleInput struct {
	AWSServiceName string // the service principal, e.g. autoscaling.amazonaws.com
	Description    string
	CustomSuffix   string
}

// CreateServiceLinkedRoleOutput is CreateServiceLinkedRole's response.
type CreateServiceLinkedRoleOutput struct {
	Role Role
}

// CreateServiceLinkedRole creates the role a service uses on the account's
// behalf: named AWSServiceRoleFor… (then "_" and the custom suffix), at
// path /aws-service-role/SERVICE/, trusting only the service. When the
// service's AWS managed role policy is registered in the account, it is
// attached (using-service-linked-roles.md). The role counts against the
// role quota.
func (a *Account) CreateServiceLinkedRole(in CreateServiceLinkedRoleInput) (*CreateServiceLinkedRoleOutput, error) {
	var c checks
	c.name(in.AWSServiceName, "aWSServiceName", maxGroupName)
	c.description(in.Description, "description")
	if in.CustomSuffix != "" {
		c.name(in.CustomSuffix, "customSuffix", 64)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	service := in.AWSServiceName
	label := strings.TrimSuffix(service, ".amazonaws.com")
	if label == service || label == "" || strings.Trim(label, ".-") == "" || strings.Contains(label, "..") {
		return nil, errorf(ErrInvalidInput, "Invalid service principal %s: a service principal is NAME.amazonaws.com.", service)
	}
	suffix, policyName := serviceLinkedRoleName(service)
	name := "AWSServiceRoleFor" + suffix
	if in.CustomSuffix != "" {
		name += "_" + in.CustomSuffix
	}
	if len(name) > maxRoleName {
		return nil, errorf(ErrInvalidInput, "The role name %s would be longer than %d characters: use a shorter custom suffix.", name, maxRoleName)
	}
	if a.s.roles[fold(name)] != nil {
		return nil, errorf(ErrInvalidInput, "Service role name %s has been taken in this account, please try a different suffix.", name)
	}
	if len(a.s.roles) >= a.s.quotas.Roles {
		return nil, quotaError("RolesPerAccount", a.s.quotas.Roles)
	}
	trust := serviceTrustPolicy(service)
	doc, err := a.parseDocument(trust, "assumeRolePolicyDocument", name, policy.Trust, noLimit, nil)
	if err != nil {
		return nil, err
	}
	id, err := a.newID(PrefixRole)
	if err != nil {
		return nil, err
	}
	path := "/aws-service-role/" + service + "/"
	r := &role{
		name: name, path: path, id: id, arn: a.arn("role", path, name), created: a.now(),
		trust: trust, trustDoc: doc, description: in.Description, maxSession: DefaultMaxSessionDuration,
		service: service,
	}
	if policyName != "" {
		if p := a.s.policies[AWSManagedPolicyARN("/aws-service-role/", policyName)]; p != nil {
			r.attached = []string{p.arn}
		}
	}
	a.s.issued[id] = true
	a.s.roles[fold(name)] = r
	return &CreateServiceLinkedRoleOutput{Role: r.out(true)}, nil
}

// SetServiceLinkedRoleResourcesInput says which of the service's resources
// still use a service-linked role. It is this model's stand-in for the
// linked service: while the list is not empty, DeleteServiceLinkedRole
// fails.
type SetServiceLinkedRoleResourcesInput struct {
	RoleName  string
	Region    string
	Resources []string
}

// SetServiceLinkedRoleResources records the resources that use a
// service-linked role (none: the role may be deleted).
func (a *Account) SetServiceLinkedRoleResources(in SetServiceLinkedRoleResourcesInput) error {
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return err
	}
	if !r.serviceLinked() {
		return errorf(ErrInvalidInput, "Role %s is not a service-linked role.", r.name)
	}
	var list []string
	for _, res := range in.Resources {
		if in.Region != "" {
			res = in.Region + ": " + res
		}
		list = append(list, res)
	}
	r.inUse = list
	return nil
}

// deletionTask is a DeleteServiceLinkedRole request and its outcome.
type deletionTask struct {
	id     string
	role   string
	status string // SUCCEEDED or FAILED
	reason string
	usage  []string
}

// DeleteServiceLinkedRoleInput is DeleteServiceLinkedRole's request.
type DeleteServiceLinkedRoleInput struct {
	RoleName string
}

// DeleteServiceLinkedRoleOutput is DeleteServiceLinkedRole's response.
type DeleteServiceLinkedRoleOutput struct {
	DeletionTaskId string
}

// DeleteServiceLinkedRole submits the deletion of a service-linked role.
// The task completes at once: SUCCEEDED, and the role is gone with its
// policies, or FAILED while the service's resources still use the role
// (see [Account.SetServiceLinkedRoleResources]), and the role stays.
// GetServiceLinkedRoleDeletionStatus tells which.
func (a *Account) DeleteServiceLinkedRole(in DeleteServiceLinkedRoleInput) (*DeleteServiceLinkedRoleOutput, error) {
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return nil, err
	}
	if !r.serviceLinked() {
		return nil, errorf(ErrInvalidInput, "Role %s is not a service-linked role: delete it with DeleteRole.", r.name)
	}
	uuid, err := newUUID(a.env.Rand)
	if err != nil {
		return nil, err
	}
	t := &deletionTask{id: "task/aws-service-role/" + r.service + "/" + r.name + "/" + uuid, role: r.name}
	if len(r.inUse) > 0 {
		t.status = "FAILED"
		t.reason = "The service-linked role is in use by resources of " + r.service + ": delete them first."
		t.usage = slices.Clone(r.inUse)
	} else {
		t.status = "SUCCEEDED"
		delete(a.s.roles, fold(r.name))
	}
	a.s.tasks[t.id] = t
	return &DeleteServiceLinkedRoleOutput{DeletionTaskId: t.id}, nil
}

// GetServiceLinkedRoleDeletionStatusInput is
// GetServiceLinkedRoleDeletionStatus' request.
type GetServiceLinkedRoleDeletionStatusInput struct {
	DeletionTaskId string
}

// DeletionTaskFailureReason says why a deletion failed.
type DeletionTaskFailureReason struct {
	Reason        string
	RoleUsageList []string
}

// GetServiceLinkedRoleDeletionStatusOutput is
// GetServiceLinkedRoleDeletionStatus' response.
type GetServiceLinkedRoleDeletionStatusOutput struct {
	Status string                     // SUCCEEDED or FAILED
	Reason *DeletionTaskFailureReason `json:",omitempty"`
}

// GetServiceLinkedRoleDeletionStatus reports how a deletion task ended.
func (a *Account) GetServiceLinkedRoleDeletionStatus(in GetServiceLinkedRoleDeletionStatusInput) (*GetServiceLinkedRoleDeletionStatusOutput, error) {
	var c checks
	c.length(in.DeletionTaskId, "deletionTaskId", 1, 1000)
	if err := c.err(); err != nil {
		return nil, err
	}
	t := a.s.tasks[in.DeletionTaskId]
	if t == nil {
		return nil, errorf(ErrNoSuchEntity, "Deletion task %s cannot be found.", in.DeletionTaskId)
	}
	out := &GetServiceLinkedRoleDeletionStatusOutput{Status: t.status}
	if t.status == "FAILED" {
		out.Reason = &DeletionTaskFailureReason{Reason: t.reason, RoleUsageList: slices.Clone(t.usage)}
	}
	return out, nil
}

// newUUID draws a version 4 UUID from r.
func newUUID(r io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", &Error{Code: ErrServiceFailure, Message: "the source of randomness failed: " + err.Error(), Err: err}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
