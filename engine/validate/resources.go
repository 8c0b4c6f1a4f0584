package validate

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/jsonpos"
	"github.com/iamlab/iamlab/engine/policy"
)

// resourceEntry is one ARN of a statement's Resource or NotResource.
type resourceEntry struct {
	text string
	v    *jsonpos.Value
	path []PathElement
}

func (c *checker) statementResources(s *stmt, resource, notResource *jsonpos.Member) {
	m := resource
	switch {
	case resource != nil && notResource != nil:
		c.addKey(UnsupportedElementCombination, "The policy elements Resource and NotResource can not be used in the same statement. Remove one of these elements.", pk(s.path, "NotResource"), notResource)
	case resource == nil && notResource == nil:
		if c.typ != policy.Trust {
			c.addAt(MissingResource, "Add a Resource or NotResource element to the policy statement.", s.path, s.v.Start, s.v.Start)
		}
		return
	case notResource != nil:
		m, s.notRes = notResource, true
		if c.typ == policy.SCP {
			c.addKey(SCPSyntaxErrorNotResource, "SCPs do not support the NotResource element. Update the policy to use Resource instead.", pk(s.path, m.Key), m)
			c.cover("SCPs do not support NotResource")
		}
	}
	if c.typ == policy.Trust {
		c.addKey(RoleTrustPolicySyntaxErrorResource, "Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element.", pk(s.path, m.Key), m)
		return
	}
	s.hasRes = true
	path := pv(s.path, m.Key)
	if m.Value.Kind == jsonpos.Array && len(m.Value.Elems) == 0 {
		c.add(EmptyArrayResource, "This statement includes no resources and does not affect the policy. Specify resources.", path, m.Value)
		return
	}
	vals, paths := c.stringsOf(m, path)
	for i, v := range vals {
		e := &resourceEntry{text: v.Text, v: v, path: paths[i]}
		s.res = append(s.res, e)
		if strings.Contains(v.Text, "${") {
			if !c.v2012 {
				c.add(VariableUnsupportedInVersion, "To include variables in your policy, use the policy version 2012-10-17 or later.", e.path, v)
			} else if c.variables(v, e.path) {
				continue
			} else if field, name := variableBeforeResourcePart(v.Text); field != "" {
				c.add(VariableUnsupportedInARNField, fmt.Sprintf("Policy variables are supported only in the resource part of an ARN, after the fifth colon. Remove the policy variable %s from the %s field.", name, field), e.path, v)
				continue
			}
		}
		c.arn(e)
	}
	c.redundantResources(s)
}

// variableBeforeResourcePart finds the first policy variable before the
// fifth colon of a resource ARN — in its prefix, partition, service,
// Region or account field, where AWS does not substitute variables
// (reference_policies_variables.md, "Resource element") — and names the
// field and the variable. Colons inside a variable do not separate fields.
func variableBeforeResourcePart(s string) (field, variable string) {
	fields := [5]string{"prefix", "partition", "service", "Region", "account"}
	part := 0
	for i := 0; i < len(s) && part < 5; i++ {
		switch {
		case s[i] == ':':
			part++
		case strings.HasPrefix(s[i:], "${"):
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return "", ""
			}
			return fields[part], s[i : i+end+1]
		}
	}
	return "", ""
}

// partitions are AWS's partitions.
func partitions() []string {
	return []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}
}

// arn checks one resource ARN's shape, then against the catalog's
// resource types of its service.
func (c *checker) arn(e *resourceEntry) {
	s := e.text
	if s == "*" {
		return
	}
	if !strings.HasPrefix(s, "arn:") && !strings.HasPrefix(s, "*") {
		c.add(InvalidARNPrefix, "Add the required prefix (arn) to the resource ARN.", e.path, e.v)
		return
	}
	f := strings.SplitN(s, ":", 6)
	if len(f) < 6 {
		if !strings.Contains(s, "*") {
			c.add(MissingARNField, "Resource ARNs must include at least 6 fields in the following structure: arn:partition:service:region:account:resource", e.path, e.v)
		}
		return
	}
	partition, service, region, account := f[1], f[2], f[3], f[4]
	if allowed := resourceTypeServices(c.resourceType); allowed != nil && !strings.ContainsAny(service, "*?$") && !contains(allowed, service) {
		c.add(UnsupportedResourceARNInPolicy, fmt.Sprintf("The resource ARN is not supported for the resource-based policy attached to the resource type %s: it names the service %s.", c.resourceType, service), e.path, e.v)
		return
	}
	if !strings.ContainsAny(partition, "*?$") && !contains(partitions(), partition) {
		c.add(InvalidPartition, fmt.Sprintf("The resource ARN for the service %s does not support the partition %s. Use the supported values: %s", service, partition, strings.Join(partitions(), ", ")), e.path, e.v)
	}
	if service != strings.ToLower(service) {
		c.add(InvalidARNServiceCase, fmt.Sprintf("Update the service name %s in the resource ARN to use all lowercase letters.", service), e.path, e.v)
		return
	}
	if region != "" && !strings.ContainsAny(region, "*?$") && !isRegion(region) {
		c.add(InvalidARNRegion, fmt.Sprintf("The Region %s is not valid for this resource. Update the resource ARN to include a supported Region.", region), e.path, e.v)
	}
	if account != "" && !strings.ContainsAny(account, "*?$") && account != "aws" && !isAccountID(account) {
		c.add(InvalidARNAccount, fmt.Sprintf("The resource ARN account ID %s is not valid. Provide a 12-digit account ID.", account), e.path, e.v)
	}
	if c.cat == nil || strings.ContainsAny(service, "*?$") {
		return
	}
	svc, ok := c.cat.Service(service)
	if !ok || len(svc.ResourceTypes) == 0 {
		return
	}
	var anyRegion, noRegion, anyAccount, noAccount bool
	for _, r := range svc.ResourceTypes {
		for _, format := range r.ARNFormats {
			ff := strings.SplitN(format, ":", 6)
			if len(ff) < 6 {
				continue
			}
			if ff[3] == "" {
				noRegion = true
			} else {
				anyRegion = true
			}
			if ff[4] == "" {
				noAccount = true
			} else {
				anyAccount = true
			}
		}
	}
	switch {
	case region != "" && !strings.ContainsAny(region, "*?") && noRegion && !anyRegion:
		c.add(ARNRegionNotAllowed, fmt.Sprintf("The service %s does not support specifying a Region in the resource ARN.", service), e.path, e.v)
		return
	case region == "" && anyRegion && !noRegion:
		c.add(MissingARNRegion, fmt.Sprintf("Add a Region to the %s resource ARN.", service), e.path, e.v)
		return
	case account != "" && !strings.ContainsAny(account, "*?") && noAccount && !anyAccount:
		c.add(ARNAccountNotAllowed, fmt.Sprintf("The service %s does not support specifying an account ID in the resource ARN.", service), e.path, e.v)
		return
	}
	if !fitsAnyType(svc, s) {
		c.add(InvalidARNResource, fmt.Sprintf("Resource ARN does not match the expected ARN format. Update the resource portion of the ARN: it is no resource type of %s (%s).", service, resourceTypeNames(svc)), e.path, e.v)
	}
}

func resourceTypeNames(svc *catalog.Service) string {
	var names []string
	for _, r := range svc.ResourceTypes {
		names = append(names, r.Name)
	}
	if len(names) > 8 {
		return strings.Join(names[:8], ", ") + fmt.Sprintf(" and %d more", len(names)-8)
	}
	return strings.Join(names, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isRegion accepts the shape of AWS Region codes: lower-case words and a
// number, "us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1".
func isRegion(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 {
		return false
	}
	for i, p := range parts {
		if p == "" {
			return false
		}
		for _, r := range p {
			digit := r >= '0' && r <= '9'
			if i == len(parts)-1 && !digit || i < len(parts)-1 && !(r >= 'a' && r <= 'z') {
				return false
			}
		}
	}
	return true
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// redundantResources suggests removing ARNs another entry already covers:
// duplicates, and ARNs under an entry that ends in its only wildcard.
func (c *checker) redundantResources(s *stmt) {
	for i, a := range s.res {
		for j, b := range s.res {
			if i == j {
				continue
			}
			covered := a.text == b.text && j < i
			if prefix, ok := strings.CutSuffix(b.text, "*"); ok && a.text != b.text && !strings.ContainsAny(prefix, "*?$") && strings.HasPrefix(a.text, prefix) {
				covered = true
			}
			if covered {
				c.add(RedundantResource, fmt.Sprintf("The 1 resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*): %s already covers %s.", b.text, a.text), a.path, a.v)
				break
			}
		}
	}
}

func fitsAnyType(svc *catalog.Service, resource string) bool {
	for _, r := range svc.ResourceTypes {
		if r.FitsResource(resource) {
			return true
		}
	}
	return false
}
