package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/iamlab/iamlab/engine/catalog"
)

const expandUsage = "iamlab expand [--output text|json] [--level LEVEL] PATTERN..."

// expandedAction is one action in expand's JSON output.
type expandedAction struct {
	Action        string   `json:"Action"`
	AccessLevel   string   `json:"AccessLevel"`
	ResourceTypes []string `json:"ResourceTypes"`
	ConditionKeys []string `json:"ConditionKeys"`
}

type expansion struct {
	Pattern string           `json:"Pattern"`
	Actions []expandedAction `json:"Actions"`
}

// runExpand lists the actions each action pattern stands for, with their
// access levels and resource types (a trailing * marks a required one;
// an action without any takes only "*"); JSON adds the condition keys.
func runExpand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("expand", flag.ContinueOnError)
	fs.SetOutput(stderr)
	output := fs.String("output", "text", "text or json")
	level := fs.String("level", "", `only actions of this access level: List, Read, Write, "Permissions management" or Tagging`)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		printUsage(stderr, expandUsage)
		return exitUsage
	}
	if !checkOutput(*output, stderr) {
		return exitUsage
	}
	var only *catalog.AccessLevel
	if *level != "" {
		for _, l := range catalog.AccessLevels() {
			if strings.EqualFold(l.String(), *level) {
				only = &l
			}
		}
		if only == nil {
			fmt.Fprintf(stderr, "iamlab: --level must be List, Read, Write, \"Permissions management\" or Tagging, got %q\n", *level)
			return exitUsage
		}
	}
	cat, err := catalog.Load()
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	status := exitOK
	var out []expansion
	for _, p := range fs.Args() {
		e := expansion{Pattern: p, Actions: []expandedAction{}}
		for _, a := range cat.Expand(p) {
			if only != nil && a.Level != *only {
				continue
			}
			e.Actions = append(e.Actions, describeAction(a))
		}
		if len(e.Actions) == 0 {
			why := noMatch(cat, p)
			if only != nil && len(cat.Expand(p)) > 0 {
				why = "no " + only.String() + " action matches"
			}
			fmt.Fprintf(stderr, "iamlab: %s: %s\n", p, why)
			status = exitError
		}
		out = append(out, e)
	}
	if *output == "json" {
		writeJSON(stdout, out)
		return status
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for i, e := range out {
		if len(out) > 1 {
			if i > 0 {
				fmt.Fprintln(tw)
			}
			fmt.Fprintf(tw, "# %s: %s\n", e.Pattern, plural(len(e.Actions), "action"))
		}
		for _, a := range e.Actions {
			res := strings.Join(a.ResourceTypes, ", ")
			if res == "" {
				res = `"*" only`
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", a.Action, a.AccessLevel, res)
		}
	}
	tw.Flush()
	return status
}

func describeAction(a *catalog.Action) expandedAction {
	d := expandedAction{Action: a.String(), AccessLevel: a.Level.String(), ResourceTypes: []string{}, ConditionKeys: a.ConditionKeys()}
	for _, r := range a.Resources {
		name := r.Type.Name
		if r.Required {
			name += "*"
		}
		d.ResourceTypes = append(d.ResourceTypes, name)
	}
	if d.ConditionKeys == nil {
		d.ConditionKeys = []string{}
	}
	return d
}

// noMatch says why a pattern expanded to nothing.
func noMatch(cat *catalog.Catalog, p string) string {
	prefix, _, ok := strings.Cut(p, ":")
	switch {
	case !ok:
		return `no action matches: an action pattern is SERVICE:ACTION, as in "s3:Get*"`
	case !strings.ContainsAny(prefix, "*?"):
		if _, known := cat.Service(prefix); !known {
			return fmt.Sprintf("no service has the prefix %q", prefix)
		}
	}
	return "no action matches"
}
