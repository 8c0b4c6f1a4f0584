package arn

import (
	"strconv"
	"strings"
)

// ARN is a parsed Amazon Resource Name. Resource is everything after the
// fifth colon.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// Error is an input that is not an ARN, or not a resource pattern.
type Error struct {
	Input string // the text as given
	Msg   string // what is wrong with it
}

func (e *Error) Error() string {
	return "arn: " + strconv.Quote(e.Input) + ": " + e.Msg
}

// problem is what parse found wrong; it keeps IsARN and AccountOf free of
// allocation, and Parse turns it into a message.
type problem uint8

const (
	problemNone problem = iota
	problemEmpty
	problemPrefix
	problemParts
	problemPartitionEmpty
	problemPartition
	problemServiceEmpty
	problemAccount
	problemResourceEmpty
)

const shape = "arn:partition:service:region:account-id:resource"

// Parse parses an ARN. Its errors are *Error.
//
// The partition must be lower-case letters and hyphens (aws, aws-cn,
// aws-us-gov, ...), the service and the resource must not be empty, and the
// account, when present, must be a 12-digit account ID or "aws" (as in the
// ARNs of AWS managed policies, arn:aws:iam::aws:policy/...).
func Parse(s string) (ARN, error) {
	a, p := parse(s)
	if p == problemNone {
		return a, nil
	}
	var msg string
	switch p {
	case problemEmpty:
		msg = "empty string is not an ARN (" + shape + ")"
	case problemPrefix:
		msg = `does not begin with "arn:"`
	case problemParts:
		msg = "has " + strconv.Itoa(strings.Count(s, ":")+1) +
			" colon-separated parts; an ARN has at least 6 (" + shape + ")"
	case problemPartitionEmpty:
		msg = "partition is empty; want aws, aws-cn, aws-us-gov, ..."
	case problemPartition:
		msg = "partition " + strconv.Quote(a.Partition) + " is not lower-case letters and hyphens"
	case problemServiceEmpty:
		msg = "service is empty"
	case problemAccount:
		msg = "account " + strconv.Quote(a.Account) + ` is neither a 12-digit account ID nor "aws"`
	case problemResourceEmpty:
		msg = "resource is empty"
	}
	return ARN{}, &Error{Input: s, Msg: msg}
}

// parse parses s without allocating. On a problem the returned ARN holds
// what was read so far.
func parse(s string) (ARN, problem) {
	if s == "" {
		return ARN{}, problemEmpty
	}
	if !strings.HasPrefix(s, "arn:") {
		return ARN{}, problemPrefix
	}
	f, ok := split(s)
	if !ok {
		return ARN{}, problemParts
	}
	a := ARN{Partition: f[1], Service: f[2], Region: f[3], Account: f[4], Resource: f[5]}
	switch {
	case a.Partition == "":
		return a, problemPartitionEmpty
	case !isPartition(a.Partition):
		return a, problemPartition
	case a.Service == "":
		return a, problemServiceEmpty
	case a.Account != "" && a.Account != "aws" && !IsAccountID(a.Account):
		return a, problemAccount
	case a.Resource == "":
		return a, problemResourceEmpty
	}
	return a, problemNone
}

// split cuts s at its first five colons. ok is false when s has fewer.
func split(s string) (f [6]string, ok bool) {
	for i := range 5 {
		j := strings.IndexByte(s, ':')
		if j < 0 {
			return f, false
		}
		f[i], s = s[:j], s[j+1:]
	}
	f[5] = s
	return f, true
}

func isPartition(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return s != ""
}

// String returns the ARN in its text form.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

// IsARN reports whether Parse would accept s. It does not allocate.
func IsARN(s string) bool {
	_, p := parse(s)
	return p == problemNone
}

// AccountOf returns the account part of the ARN s; ok is false when s is not
// an ARN that Parse accepts. The account may be empty, as it is in S3
// bucket ARNs, or "aws", as in AWS managed policy ARNs. It does not
// allocate.
func AccountOf(s string) (account string, ok bool) {
	a, p := parse(s)
	if p != problemNone {
		return "", false
	}
	return a.Account, true
}

// IsAccountID reports whether s is an AWS account ID: exactly 12 ASCII
// digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
