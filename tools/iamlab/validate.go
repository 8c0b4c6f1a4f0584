package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iamlab/iamlab/engine/validate"
)

const validateUsage = "iamlab validate --policy-document file://policy.json|-|JSON [--policy-type IDENTITY_POLICY|RESOURCE_POLICY|SERVICE_CONTROL_POLICY|RESOURCE_CONTROL_POLICY] [--validate-policy-resource-type AWS::IAM::AssumeRolePolicyDocument] [--output json|text] [--fail-on ERROR|SECURITY_WARNING|WARNING|SUGGESTION]"

// validateResponse is ValidatePolicy's response shape.
type validateResponse struct {
	Findings []validate.Finding `json:"findings"`
}

// runValidate mirrors `aws accessanalyzer validate-policy`: the exit
// status is 0 whatever the findings, unless --fail-on names a type and a
// finding is of it or more serious.
func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	doc := fs.String("policy-document", "", "the policy: file://PATH, - for standard input, or the JSON itself")
	typ := fs.String("policy-type", "IDENTITY_POLICY", "IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY")
	resType := fs.String("validate-policy-resource-type", "", "with RESOURCE_POLICY: AWS::IAM::AssumeRolePolicyDocument checks a role trust policy")
	output := fs.String("output", "json", "json or text")
	failOn := fs.String("fail-on", "", "exit with status 1 when a finding is of this type or more serious")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *doc == "" || fs.NArg() > 0 {
		printUsage(stderr, validateUsage)
		return exitUsage
	}
	pt, ok := validate.ParsePolicyType(*typ)
	if !ok {
		fmt.Fprintf(stderr, "iamlab: --policy-type must be IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY, got %q\n", *typ)
		return exitUsage
	}
	if !checkOutput(*output, stderr) {
		return exitUsage
	}
	var threshold validate.FindingType
	if *failOn != "" {
		if err := threshold.UnmarshalText([]byte(*failOn)); err != nil {
			fmt.Fprintf(stderr, "iamlab: --fail-on must be ERROR, SECURITY_WARNING, WARNING or SUGGESTION, got %q\n", *failOn)
			return exitUsage
		}
	}
	name, data, cat, ok := readWithCatalog(*doc, stdin, stderr)
	if !ok {
		return exitError
	}
	findings := validate.Validate(cat, validate.Request{Document: data, Type: pt, ResourceType: *resType})
	if *output == "json" {
		writeJSON(stdout, validateResponse{Findings: findings})
	} else {
		writeFindings(stdout, name, findings)
	}
	if *failOn != "" {
		for _, f := range findings {
			if f.FindingType <= threshold {
				return exitError
			}
		}
	}
	return exitOK
}

// readDocument reads a policy argument as the AWS CLI does: file://PATH,
// or the document itself; - reads standard input, and a plain path that
// names a file is read too.
func readDocument(arg string, stdin io.Reader) (string, []byte, error) {
	switch {
	case arg == "-":
		data, err := io.ReadAll(stdin)
		return "<stdin>", data, err
	case strings.HasPrefix(arg, "file://"):
		path := strings.TrimPrefix(arg, "file://")
		data, err := os.ReadFile(path)
		return path, data, err
	case strings.HasPrefix(strings.TrimSpace(arg), "{"):
		return "<policy-document>", []byte(arg), nil
	}
	data, err := os.ReadFile(arg)
	return arg, data, err
}

// writeFindings prints findings for people, with editor-style positions
// (columns from 1).
func writeFindings(w io.Writer, name string, findings []validate.Finding) {
	counts := map[validate.FindingType]int{}
	for _, f := range findings {
		counts[f.FindingType]++
		loc := f.Locations[0]
		fmt.Fprintf(w, "%s:%d:%d: %s %s", name, loc.Span.Start.Line, loc.Span.Start.Column+1, f.FindingType, f.IssueCode)
		if p := loc.PathString(); p != "" {
			fmt.Fprintf(w, " at %s", p)
		}
		fmt.Fprintf(w, "\n    %s\n    learn more: %s\n", f.FindingDetails, f.LearnMoreLink)
	}
	if len(findings) == 0 {
		fmt.Fprintf(w, "%s: no findings\n", name)
		return
	}
	var parts []string
	for _, t := range []validate.FindingType{validate.Error, validate.SecurityWarning, validate.Warning, validate.Suggestion} {
		if n := counts[t]; n > 0 {
			parts = append(parts, plural(n, t.Title()))
		}
	}
	fmt.Fprintf(w, "%s: %s\n", plural(len(findings), "finding"), strings.Join(parts, ", "))
}
