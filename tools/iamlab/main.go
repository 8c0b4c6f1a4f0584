// Command iamlab is the command line of iamlab, an AWS IAM simulator: it
// simulates policies offline with IAM's own request and response shapes,
// and explains every decision.
//
// Usage:
//
//	iamlab simulate-custom-policy --cli-input-json file://request.json [--output json|text]
//	iamlab mfa code --seed BASE32 [--at RFC3339-time]
//	iamlab expand [--output text|json] [--level LEVEL] PATTERN...
//	iamlab validate --policy-document file://policy.json [--policy-type TYPE] [--output json|text]
//	iamlab summarize [--output text|json] file://policy.json
//	iamlab complete --offset N [--policy-type TYPE] file://policy.json
//	iamlab import file://authorization-details.json
//	iamlab simulate-principal-policy --account file://authorization-details.json --cli-input-json file://request.json
//	iamlab help [command]
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// command is one subcommand of the CLI.
type command struct {
	summary string
	// usage is the command's forms, one a line and without "usage:",
	// then, after a blank line, any notes (printUsage prints it).
	usage string
	run   func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the input was refused, or an operation failed
	exitUsage = 2 // the command line itself was wrong
)

func commands() map[string]command {
	return map[string]command{
		"simulate-custom-policy": {
			summary: "simulate policies with IAM's SimulateCustomPolicy request shape, and explain",
			usage:   simulateUsage,
			run:     runSimulateCustomPolicy,
		},
		"run":    {summary: "run a scenario and print its transcript", usage: runUsage, run: runScenario},
		"fmt":    {summary: "format scenarios canonically", usage: fmtUsage, run: runFmt},
		"golden": {summary: "run the golden scenario cases and diff their transcripts", usage: goldenUsage, run: runGolden},
		"site":   {summary: "build the static site and playground (site build), or build and serve it (site serve)", usage: siteUsage, run: runSite},
		"mfa": {
			summary: "print a virtual MFA device's TOTP code, or its QR code as a PNG",
			usage:   mfaUsage,
			run:     runMFA,
		},
		"expand":                    {summary: "list the actions an action pattern such as s3:Get* stands for", usage: expandUsage, run: runExpand},
		"validate":                  {summary: "check a policy as IAM Access Analyzer's validate-policy does", usage: validateUsage, run: runValidate},
		"import":                    {summary: "read an account snapshot (aws iam get-account-authorization-details) into the account model", usage: importUsage, run: runImport},
		"simulate-principal-policy": {summary: "simulate a user's, group's or role's policies from an account snapshot, as aws iam simulate-principal-policy does", usage: principalUsage, run: runSimulatePrincipalPolicy},
		"summarize":                 {summary: "summarize a policy per service as the IAM console does: access levels, resources, conditions", usage: summarizeUsage, run: runSummarize},
		"complete":                  {summary: "list what an editor could offer at an offset of a half-typed policy, as JSON", usage: completeUsage, run: runComplete},
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c, ok := cmds[args[1]]; ok {
				fmt.Fprintf(stdout, "%s\n\n", c.summary)
				printUsage(stdout, c.usage)
				return exitOK
			}
		}
		usage(stdout, cmds)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "iamlab: unknown command %q\n\n", args[0])
		usage(stderr, cmds)
		return exitUsage
	}
	return c.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("iamlab: an AWS IAM simulator that explains its decisions.\n\nCommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-24s %s\n", n, cmds[n].summary)
	}
	b.WriteString("\nRun 'iamlab help COMMAND' for a command's usage.\n")
	io.WriteString(w, b.String())
}

// printUsage prints a command's usage: "usage: " before its first form,
// the other forms aligned under it, then its notes as they are.
func printUsage(w io.Writer, usage string) {
	forms, notes, _ := strings.Cut(usage, "\n\n")
	var b strings.Builder
	for i, form := range strings.Split(forms, "\n") {
		if i == 0 {
			b.WriteString("usage: ")
		} else {
			b.WriteString("       ")
		}
		b.WriteString(form)
		b.WriteByte('\n')
	}
	if notes != "" {
		b.WriteString("\n" + notes + "\n")
	}
	io.WriteString(w, b.String())
}
