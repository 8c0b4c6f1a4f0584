package cloud

import "strings"

// GlobalEndpoint names STS's global endpoint, sts.amazonaws.com, which is
// served from us-east-1. Its tokens are valid only in regions enabled by
// default, unless the account asks for version 2 tokens
// (id_credentials_temp_enable-regions.md). A token's version is the
// setting of the session's account when the token is issued.
const GlobalEndpoint = "global"

// ControlRegion hosts IAM's control plane.
const ControlRegion = "us-east-1"

// RegionInfo describes a region as far as IAM and STS care.
type RegionInfo struct {
	Name string
	// Partition is aws, aws-cn or aws-us-gov.
	Partition string
	// OptIn regions must be enabled for an account; STS is then always
	// active there and cannot be deactivated.
	OptIn bool
}

// DefaultRegions is the set a cloud has unless configured otherwise: a few
// regions enabled by default, one opt-in region, and one each of GovCloud
// and China, enough to tell every rule of regional STS apart.
func DefaultRegions() []RegionInfo {
	return []RegionInfo{
		{Name: "us-east-1", Partition: "aws"},
		{Name: "us-east-2", Partition: "aws"},
		{Name: "us-west-2", Partition: "aws"},
		{Name: "eu-west-1", Partition: "aws"},
		{Name: "eu-central-1", Partition: "aws"},
		{Name: "ap-southeast-2", Partition: "aws"},
		{Name: "ap-east-1", Partition: "aws", OptIn: true},
		{Name: "us-gov-west-1", Partition: "aws-us-gov"},
		{Name: "cn-north-1", Partition: "aws-cn"},
	}
}

// partitionOf guesses a region's partition from its name, for regions the
// configuration does not describe.
func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	}
	return "aws"
}

// alwaysActive reports whether STS is always active in a region: us-east-1
// (home of the global endpoint), and the GovCloud and China regions, whose
// endpoints cannot be deactivated.
func (r RegionInfo) alwaysActive() bool {
	return r.Name == ControlRegion || r.Partition != "aws" || r.OptIn
}
