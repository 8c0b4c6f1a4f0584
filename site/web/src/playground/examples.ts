// The examples gallery: each is a whole playground state.

import type { State } from "./state";

export interface Example {
  id: string;
  title: string;
  state: State;
}

const pol = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);

const blank: State = {
  v: 1, identity: [""], resource: "", boundary: "", scps: [], session: "",
  caller: "", actions: "", resources: "", owner: "", context: [],
};

export const examples: Example[] = [
  {
    id: "read-not-delete",
    title: "Read a bucket, never delete",
    state: {
      ...blank,
      identity: [pol([
        { Sid: "ReadReports", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"] },
        { Sid: "NeverDelete", Effect: "Deny", Action: "s3:Delete*", Resource: "*" },
      ])],
      caller: "arn:aws:iam::111122223333:user/alice",
      actions: "s3:GetObject\ns3:DeleteObject",
      resources: "arn:aws:s3:::reports/2026/q3.csv",
    },
  },
  {
    id: "boundary-region",
    title: "A permissions boundary limits a region",
    state: {
      ...blank,
      identity: [pol([{ Sid: "AllOfEC2", Effect: "Allow", Action: "ec2:*", Resource: "*" }])],
      boundary: pol([{ Sid: "OnlyIreland", Effect: "Allow", Action: "ec2:*", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }]),
      caller: "arn:aws:iam::111122223333:role/builder",
      actions: "ec2:RunInstances",
      resources: "*",
      context: [{ key: "aws:RequestedRegion", type: "string", values: "us-east-1" }],
    },
  },
  {
    id: "scp-deny",
    title: "An SCP denies what the identity allows",
    state: {
      ...blank,
      identity: [pol([{ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }])],
      scps: [pol([
        { Sid: "AllowAll", Effect: "Allow", Action: "*", Resource: "*" },
        { Sid: "KeepCloudTrailOn", Effect: "Deny", Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], Resource: "*" },
      ])],
      caller: "arn:aws:iam::111122223333:user/admin",
      actions: "cloudtrail:StopLogging\ncloudtrail:LookupEvents",
      resources: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main",
    },
  },
  {
    id: "cross-account-bucket",
    title: "Cross-account: both sides must allow",
    state: {
      ...blank,
      identity: [pol([{ Sid: "ReadPartnerData", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::partner-data/*" }])],
      resource: pol([{ Sid: "LetAnalystRead", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/analyst" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::partner-data/*" }]),
      caller: "arn:aws:sts::111122223333:assumed-role/analyst/jo",
      owner: "444455556666",
      actions: "s3:GetObject\ns3:PutObject",
      resources: "arn:aws:s3:::partner-data/shared/sales.csv",
    },
  },
  {
    id: "mfa-required",
    title: "MFA-protected API access",
    state: {
      ...blank,
      identity: [pol([
        { Sid: "StopInstancesWithMFA", Effect: "Allow", Action: "ec2:StopInstances", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
      ])],
      caller: "arn:aws:iam::111122223333:user/operator",
      actions: "ec2:StopInstances",
      resources: "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc1234def567890",
      context: [{ key: "aws:MultiFactorAuthPresent", type: "boolean", values: "false" }],
    },
  },
  {
    id: "abac-tags",
    title: "ABAC: a principal tag must match the resource tag",
    state: {
      ...blank,
      identity: [pol([{ Sid: "SameProject", Effect: "Allow", Action: ["ec2:StartInstances", "ec2:StopInstances"], Resource: "*",
        Condition: { StringEquals: { "aws:ResourceTag/project": "${aws:PrincipalTag/project}" } } }])],
      caller: "arn:aws:iam::111122223333:user/dana",
      actions: "ec2:StopInstances",
      resources: "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc1234def567890",
      context: [
        { key: "aws:PrincipalTag/project", type: "string", values: "falcon" },
        { key: "aws:ResourceTag/project", type: "string", values: "falcon" },
      ],
    },
  },
  {
    id: "not-principal",
    title: "Deny with NotPrincipal: everyone but one role",
    state: {
      ...blank,
      identity: [pol([{ Sid: "ReadVault", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::vault/*" }])],
      resource: pol([
        { Sid: "OnlyAuditor", Effect: "Deny", NotPrincipal: { AWS: ["arn:aws:iam::111122223333:role/auditor", "arn:aws:sts::111122223333:assumed-role/auditor/ann"] }, Action: "s3:*", Resource: ["arn:aws:s3:::vault", "arn:aws:s3:::vault/*"] },
      ]),
      caller: "arn:aws:iam::111122223333:user/alice",
      actions: "s3:GetObject",
      resources: "arn:aws:s3:::vault/keys.txt",
    },
  },
  {
    id: "session-policy",
    title: "A session policy narrows a role session",
    state: {
      ...blank,
      identity: [pol([{ Sid: "RoleCanUseS3", Effect: "Allow", Action: "s3:*", Resource: "*" }])],
      session: pol([{ Sid: "ThisSessionReadsOnly", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" }]),
      caller: "arn:aws:sts::111122223333:assumed-role/data-role/job-17",
      actions: "s3:GetObject\ns3:PutObject",
      resources: "arn:aws:s3:::lake/raw/part-0001.parquet",
    },
  },
  {
    id: "source-ip",
    title: "Only from the office network",
    state: {
      ...blank,
      identity: [pol([{ Sid: "FromOffice", Effect: "Allow", Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
        Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }])],
      caller: "arn:aws:iam::111122223333:user/carol",
      actions: "dynamodb:GetItem",
      resources: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
      context: [{ key: "aws:SourceIp", type: "ip", values: "198.51.100.25" }],
    },
  },
  {
    id: "not-action-allow",
    title: "A common mistake: Allow with NotAction",
    state: {
      ...blank,
      identity: [pol([{ Sid: "EverythingButIAM", Effect: "Allow", NotAction: "iam:*", Resource: "*" }])],
      caller: "arn:aws:iam::111122223333:user/intern",
      actions: "iam:CreateUser\nec2:TerminateInstances\norganizations:LeaveOrganization",
      resources: "*",
    },
  },
  {
    id: "same-account-resource",
    title: "Same account: a bucket policy alone can grant",
    state: {
      ...blank,
      identity: [""],
      resource: pol([{ Sid: "LetBuilderWrite", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:user/builder" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::artifacts/*" }]),
      caller: "arn:aws:iam::111122223333:user/builder",
      actions: "s3:PutObject\ns3:DeleteObject",
      resources: "arn:aws:s3:::artifacts/app-1.2.3.zip",
    },
  },
  {
    id: "missing-context",
    title: "A condition on a key the request lacks",
    state: {
      ...blank,
      identity: [pol([{ Sid: "OnlyWithTLS", Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }])],
      caller: "arn:aws:iam::111122223333:user/alice",
      actions: "s3:GetObject",
      resources: "arn:aws:s3:::reports/q3.csv",
    },
  },
  {
    id: "policy-variable",
    title: "A home folder per user with ${aws:username}",
    state: {
      ...blank,
      identity: [pol([{ Sid: "OwnFolder", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::home/${aws:username}/*" }])],
      caller: "arn:aws:iam::111122223333:user/erin",
      actions: "s3:PutObject",
      resources: "arn:aws:s3:::home/erin/notes.txt\narn:aws:s3:::home/frank/notes.txt",
      context: [{ key: "aws:username", type: "string", values: "erin" }],
    },
  },
  {
    id: "date-window",
    title: "Access until a date",
    state: {
      ...blank,
      identity: [pol([{ Sid: "UntilYearEnd", Effect: "Allow", Action: "logs:GetLogEvents", Resource: "*", Condition: { DateLessThan: { "aws:CurrentTime": "2026-12-31T23:59:59Z" } } }])],
      caller: "arn:aws:iam::111122223333:role/contractor",
      actions: "logs:GetLogEvents",
      resources: "arn:aws:logs:eu-west-1:111122223333:log-group:app:log-stream:web-1",
      context: [{ key: "aws:CurrentTime", type: "date", values: "2027-01-15T09:00:00Z" }],
    },
  },
  {
    id: "scp-region-allow-list",
    title: "An SCP allows only two regions",
    state: {
      ...blank,
      identity: [pol([{ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }])],
      scps: [
        pol([{ Sid: "AllowAll", Effect: "Allow", Action: "*", Resource: "*" }]),
        pol([{ Sid: "EuropeOnly", Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } } }]),
      ],
      caller: "arn:aws:iam::111122223333:user/admin",
      actions: "ec2:RunInstances",
      resources: "*",
      context: [{ key: "aws:RequestedRegion", type: "string", values: "us-east-1" }],
    },
  },
  {
    id: "trust-cross-account",
    title: "Assume a role in another account: trust and permission",
    state: {
      ...blank,
      identity: [pol([{ Sid: "MayAssumeDeploy", Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::444455556666:role/deploy" }])],
      resource: pol([{ Sid: "TrustDevRole", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/dev" }, Action: "sts:AssumeRole" }]),
      resourceType: "trust",
      caller: "arn:aws:sts::111122223333:assumed-role/dev/jo",
      actions: "sts:AssumeRole\nsts:TagSession",
      resources: "arn:aws:iam::444455556666:role/deploy",
    },
  },
  {
    id: "trust-github-oidc",
    title: "A trust policy for GitHub Actions refuses a fork",
    state: {
      ...blank,
      resource: pol([{
        Sid: "MainBranchOnly", Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:octo/app:ref:refs/heads/main" } },
      }]),
      resourceType: "trust",
      caller: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
      actions: "sts:AssumeRoleWithWebIdentity",
      resources: "arn:aws:iam::111122223333:role/release",
      context: [
        { key: "token.actions.githubusercontent.com:aud", type: "string", values: "sts.amazonaws.com" },
        { key: "token.actions.githubusercontent.com:sub", type: "string", values: "repo:evil/fork:ref:refs/heads/main" },
      ],
    },
  },
];

/** exampleScenario is testdata/deny-without-mfa.txtar's scenario: it needs no files. */
export const exampleScenario = `account 111122223333 alias "prod"
user alice
key alice
attach AdministratorAccess to user alice
inline RequireMFA on user alice = {
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "DenyAllExceptListedIfNoMFA",
    "Effect": "Deny",
    "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"],
    "Resource": "*",
    "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
  }]
}
expect explicitDeny as alice: s3:ListAllMyBuckets on *
as alice mfa alice virtual
clock +30s
as alice get session-token session mfa-session with mfa code totp(alice)
expect allow as session mfa-session: s3:ListAllMyBuckets on *
`;

/** defaultState is the first example, with the scenario mode's example scenario. */
export const defaultState: State = { ...examples[0].state, mode: "policies", scenario: exampleScenario };
