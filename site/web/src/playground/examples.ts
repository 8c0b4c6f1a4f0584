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
];

export const defaultState: State = examples[0].state;
