package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/summary"
)

const summarizeUsage = "iamlab summarize [--policy-type IDENTITY_POLICY|RESOURCE_POLICY|SERVICE_CONTROL_POLICY] [--output text|json] file://policy.json|PATH|-|JSON"

// runSummarize prints the IAM console's policy summary of a policy.
func runSummarize(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("summarize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	typ := fs.String("policy-type", "IDENTITY_POLICY", "IDENTITY_POLICY, RESOURCE_POLICY or SERVICE_CONTROL_POLICY")
	output := fs.String("output", "text", "text or json")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		printUsage(stderr, summarizeUsage)
		return exitUsage
	}
	types := map[string]policy.Type{"IDENTITY_POLICY": policy.Identity, "RESOURCE_POLICY": policy.Resource, "SERVICE_CONTROL_POLICY": policy.SCP}
	pt, ok := types[*typ]
	if !ok {
		fmt.Fprintf(stderr, "iamlab: --policy-type must be IDENTITY_POLICY, RESOURCE_POLICY or SERVICE_CONTROL_POLICY, got %q\n", *typ)
		return exitUsage
	}
	if !checkOutput(*output, stderr) {
		return exitUsage
	}
	name, data, cat, ok := readWithCatalog(fs.Arg(0), stdin, stderr)
	if !ok {
		return exitError
	}
	doc, err := policy.Parse(data, policy.Options{Type: pt, Name: name})
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: MalformedPolicyDocument: %v\n", err)
		return exitError
	}
	s := summary.Summarize(cat, doc)
	if *output == "json" {
		writeJSON(stdout, s)
		return exitOK
	}
	writeSummary(stdout, s)
	return exitOK
}

func writeSummary(w io.Writer, s *summary.Summary) {
	section := func(title string, rows []summary.Service) {
		fmt.Fprintf(w, "%s (%d of %s)\n", title, len(rows), plural(s.Services, "service"))
		if len(rows) == 0 {
			return
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  SERVICE\tACCESS LEVEL\tRESOURCE\tREQUEST CONDITION")
		for _, r := range rows {
			res := r.Resource
			if len(r.Warnings) > 0 {
				res = strings.TrimSpace(res + " (!) " + strings.Join(r.Warnings, " "))
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", r.Name, r.AccessText(), res, r.RequestCondition)
		}
		tw.Flush()
	}
	if len(s.ExplicitDeny) > 0 {
		section("Explicit deny", s.ExplicitDeny)
	}
	section("Allow", s.Allow)
	if len(s.Uncategorized) > 0 {
		fmt.Fprintf(w, "Uncategorized services (%d): not in the catalog, so the policy grants nothing there\n", len(s.Uncategorized))
		for _, u := range s.Uncategorized {
			fmt.Fprintf(w, "  %s (%s): %s\n", u.Prefix, u.Effect, strings.Join(u.Actions, ", "))
		}
	}
}
