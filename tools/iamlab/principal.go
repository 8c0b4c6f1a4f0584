package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/simulate"
)

const importUsage = "iamlab import [--output text|json] file://authorization-details.json|PATH|-"

const principalUsage = "iamlab simulate-principal-policy --account file://authorization-details.json (--cli-input-json file://request.json | --policy-source-arn ARN --action-names A[,B…] [--resource-arns R[,S…]] [--caller-arn ARN]) [--output json|text]"

// cliEnv is the account model's clock and randomness for the command
// line: the real time, and a fixed seed, since importing issues no ID.
func cliEnv() account.Env {
	return account.Env{Now: time.Now, Rand: rand.NewChaCha8([32]byte{'i', 'a', 'm', 'l', 'a', 'b'})}
}

// loadAccount imports a snapshot printed by
// `aws iam get-account-authorization-details`.
func loadAccount(arg string, stdin io.Reader) (*account.Account, *account.AuthorizationDetails, error) {
	name, data, err := readInput(arg, stdin)
	if err != nil {
		return nil, nil, err
	}
	d, err := account.DecodeAuthorizationDetails(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	policies, err := catalog.LoadManagedPolicies()
	if err != nil {
		return nil, nil, err
	}
	a, err := account.Import(d, cliEnv(), policies)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return a, d, nil
}

// runImport reads an account snapshot into the account model and says what
// it holds; with --output json it prints the account back in
// GetAccountAuthorizationDetails' shape.
func runImport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	output := fs.String("output", "text", "text or json")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 || (*output != "text" && *output != "json") {
		printUsage(stderr, importUsage)
		return exitUsage
	}
	a, _, err := loadAccount(fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	d := a.AuthorizationDetails()
	if *output == "json" {
		writeJSON(stdout, d)
		return exitOK
	}
	customer, aws, versions, inline := 0, 0, 0, 0
	for _, p := range d.Policies {
		if strings.HasPrefix(p.Arn, "arn:aws:iam::aws:") {
			aws++
		} else {
			customer++
		}
		versions += len(p.PolicyVersionList)
	}
	for _, u := range d.UserDetailList {
		inline += len(u.UserPolicyList)
	}
	for _, g := range d.GroupDetailList {
		inline += len(g.GroupPolicyList)
	}
	profiles := map[string]bool{}
	for _, r := range d.RoleDetailList {
		inline += len(r.RolePolicyList)
		for _, p := range r.InstanceProfileList {
			profiles[p.Arn] = true
		}
	}
	fmt.Fprintf(stdout, "account %s: %s, %s, %s, %s, %s (%s in all, with AWS managed ones), %s in use, %s\n", a.ID(),
		plural(len(d.UserDetailList), "user"), plural(len(d.GroupDetailList), "group"), plural(len(d.RoleDetailList), "role"),
		plural(len(profiles), "instance profile"), plural(customer, "customer managed policy"), plural(versions, "version"),
		plural(aws, "AWS managed policy"), plural(inline, "inline policy"))
	return exitOK
}

// listFlag collects a flag given several times or with commas.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// runSimulatePrincipalPolicy mirrors `aws iam simulate-principal-policy`
// against an imported account snapshot.
func runSimulatePrincipalPolicy(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("simulate-principal-policy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	acct := fs.String("account", "", "the account: the JSON of aws iam get-account-authorization-details (file://PATH or PATH)")
	input := fs.String("cli-input-json", "", "the SimulatePrincipalPolicy request: file://PATH, a PATH, or - for standard input")
	source := fs.String("policy-source-arn", "", "the user, group or role to simulate")
	caller := fs.String("caller-arn", "", "the caller, when not the principal itself")
	var actions, resources listFlag
	fs.Var(&actions, "action-names", "actions to simulate (repeat the flag or separate with commas)")
	fs.Var(&resources, "resource-arns", "resources to simulate them on (repeat the flag or separate with commas)")
	output := fs.String("output", "json", "json or text")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *acct == "" || fs.NArg() > 0 || (*input == "") == (*source == "") || (*output != "json" && *output != "text") {
		printUsage(stderr, principalUsage)
		return exitUsage
	}
	var req *simulate.PrincipalPolicyRequest
	if *input != "" {
		name, data, err := readInput(*input, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "iamlab: %v\n", err)
			return exitError
		}
		if req, err = simulate.DecodePrincipalRequest(name, data); err != nil {
			fmt.Fprintf(stderr, "iamlab: %v\n", err)
			return exitError
		}
	} else {
		req = &simulate.PrincipalPolicyRequest{PolicySourceArn: *source, ActionNames: actions, ResourceArns: resources, CallerArn: *caller}
	}
	a, _, err := loadAccount(*acct, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	sources, boundary, err := a.PrincipalPolicies(req.PolicySourceArn)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	var policies []simulate.SourcePolicy
	for _, s := range sources {
		policies = append(policies, simulate.SourcePolicy(s))
	}
	var b *simulate.SourcePolicy
	if boundary != nil {
		sb := simulate.SourcePolicy(*boundary)
		b = &sb
	}
	resp, err := simulate.PrincipalPolicy(req, policies, b, simulate.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	if *output == "text" {
		writeText(stdout, resp)
		return exitOK
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "    ")
	enc.Encode(resp)
	return exitOK
}
