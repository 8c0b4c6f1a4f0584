package account

import (
	"strconv"
	"time"

	"github.com/iamlab/iamlab/engine/policy"
)

// AWSManagedPolicy is an AWS managed policy to register in an account: its
// name, path, description and the document of its current version.
type AWSManagedPolicy struct {
	PolicyName  string
	Path        string // "/" when empty; "/aws-service-role/" marks a service-linked role's policy
	Description string
	Document    string
	// CreateDate is when AWS created the policy; zero means now.
	CreateDate time.Time
}

// awsManagedEpoch is the CreateDate of the built-in policies: the day AWS
// launched managed policies.
func awsManagedEpoch() time.Time { return time.Date(2015, 2, 6, 18, 39, 46, 0, time.UTC) }

// BuiltinAWSManagedPolicies returns the AWS managed policies every new
// account has. They are a small set; a catalog of AWS's real policies can
// be registered with [Account.RegisterAWSManagedPolicy].
//
// ReadOnlyAccess is abridged: AWS's grants the read actions of every
// service, this one those of a handful of common services. The others are
// AWS's documents.
func BuiltinAWSManagedPolicies() []AWSManagedPolicy {
	return []AWSManagedPolicy{
		{
			PolicyName:  "AdministratorAccess",
			Description: "Provides full access to AWS services and resources.",
			CreateDate:  awsManagedEpoch(),
			Document: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
        }
    ]
}`,
		},
		{
			PolicyName:  "ReadOnlyAccess",
			Description: "Provides read-only access to AWS services and resources (abridged in iamlab).",
			CreateDate:  awsManagedEpoch(),
			Document: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AbridgedReadOnly",
            "Effect": "Allow",
            "Action": [
                "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*",
                "dynamodb:BatchGetItem", "dynamodb:Describe*", "dynamodb:GetItem", "dynamodb:List*", "dynamodb:Query", "dynamodb:Scan",
                "ec2:Describe*", "ec2:Get*",
                "iam:Generate*", "iam:Get*", "iam:List*", "iam:Simulate*",
                "kms:Describe*", "kms:Get*", "kms:List*",
                "lambda:Get*", "lambda:List*",
                "logs:Describe*", "logs:Get*", "logs:FilterLogEvents",
                "organizations:Describe*", "organizations:List*",
                "s3:Get*", "s3:List*",
                "sns:Get*", "sns:List*",
                "sqs:Get*", "sqs:List*",
                "sts:GetCallerIdentity"
            ],
            "Resource": "*"
        }
    ]
}`,
		},
		{
			PolicyName:  "IAMUserChangePassword",
			Description: "Provides the ability for an IAM user to change their own password.",
			CreateDate:  time.Date(2016, 11, 15, 0, 25, 16, 0, time.UTC),
			Document: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "iam:ChangePassword"
            ],
            "Resource": [
                "arn:aws:iam::*:user/${aws:username}"
            ]
        },
        {
            "Effect": "Allow",
            "Action": [
                "iam:GetAccountPasswordPolicy"
            ],
            "Resource": "*"
        }
    ]
}`,
		},
		{
			PolicyName:  "AWSSupportServiceRolePolicy",
			Path:        "/aws-service-role/",
			Description: "Enables resource access for AWS to provide billing, administrative and support services (abridged in iamlab).",
			CreateDate:  time.Date(2018, 4, 19, 18, 4, 44, 0, time.UTC),
			Document: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AbridgedSupportRead",
            "Effect": "Allow",
            "Action": [
                "ec2:Describe*",
                "iam:Get*",
                "iam:List*",
                "s3:GetBucketPolicy",
                "s3:ListAllMyBuckets"
            ],
            "Resource": "*"
        }
    ]
}`,
		},
	}
}

// AWSManagedPolicyARN is the ARN of an AWS managed policy:
// arn:aws:iam::aws:policy/PATH/NAME.
func AWSManagedPolicyARN(path, name string) string {
	return "arn:aws:iam::aws:policy" + orDefaultPath(path) + name
}

// RegisterAWSManagedPolicy adds an AWS managed policy to the account, or,
// when one with its ARN exists, gives it a new default version, as AWS
// updates its managed policies. The oldest non-default versions are
// dropped so that at most Quotas.PolicyVersions remain. AWS managed
// policies do not count against the account's policy quota, nor are they
// limited to the customer policy size or to the 131,072 characters of
// IAM's policy document parameter: AWS's own can be longer. Their ID is
// derived from the ARN, so it is the same in every account.
func (a *Account) RegisterAWSManagedPolicy(in AWSManagedPolicy) error {
	var c checks
	c.name(in.PolicyName, "policyName", maxPolicyName)
	c.policyPath(in.Path, "path")
	c.length(in.Description, "description", 0, maxDescription)
	if err := c.err(); err != nil {
		return err
	}
	doc, err := a.parseDocumentUpTo(in.Document, "policyDocument", in.PolicyName, policy.Identity, maxAWSManagedDocument, noLimit, nil)
	if err != nil {
		return err
	}
	now := in.CreateDate.UTC()
	if in.CreateDate.IsZero() {
		now = a.now()
	}
	arn := AWSManagedPolicyARN(in.Path, in.PolicyName)
	if p := a.s.policies[arn]; p != nil {
		v := &policyVersion{id: "v" + strconv.Itoa(p.nextVersion), document: in.Document, doc: doc, created: now}
		versions := append(p.versions[:len(p.versions):len(p.versions)], v)
		for len(versions) > a.s.quotas.PolicyVersions {
			for i, old := range versions {
				if old.id != p.defaultVersion {
					versions = append(versions[:i:i], versions[i+1:]...)
					break
				}
			}
		}
		p.versions = versions
		p.nextVersion++
		p.defaultVersion = v.id
		p.updated = now
		if in.Description != "" {
			p.description = in.Description
		}
		return nil
	}
	id := stableID(PrefixPolicy, arn)
	a.s.issued[id] = true
	a.s.policies[arn] = &managedPolicy{
		name: in.PolicyName, path: orDefaultPath(in.Path), id: id, arn: arn,
		description: in.Description, awsManaged: true, created: now, updated: now,
		versions:       []*policyVersion{{id: "v1", document: in.Document, doc: doc, created: now}},
		defaultVersion: "v1", nextVersion: 2,
	}
	return nil
}
