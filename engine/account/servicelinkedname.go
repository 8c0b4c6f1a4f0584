package account

// ServiceLinkedRole gives what CreateServiceLinkedRole makes for a service
// principal (autoscaling.amazonaws.com) and an optional custom suffix: the
// role's name (AWSServiceRoleFor…, then "_" and the suffix), its path
// (/aws-service-role/SERVICE/), and the ARN of the AWS managed policy the
// service attaches to it ("" when this model knows of none). It does not
// check the service principal: CreateServiceLinkedRole does.
func ServiceLinkedRole(service, customSuffix string) (name, path, policyARN string) {
	suffix, policyName := serviceLinkedRoleName(service)
	name = "AWSServiceRoleFor" + suffix
	if customSuffix != "" {
		name += "_" + customSuffix
	}
	if policyName != "" {
		policyARN = AWSManagedPolicyARN("/aws-service-role/", policyName)
	}
	return name, "/aws-service-role/" + service + "/", policyARN
}
