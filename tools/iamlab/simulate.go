package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/iamlab/iamlab/engine/simulate"
	"github.com/iamlab/iamlab/plugins/host"
)

// loadPlugins starts a plugin host and loads each module into it, with the
// host's sandbox limits (see plugins/README.md).
func loadPlugins(paths []string) (*host.Host, error) {
	ctx := context.Background()
	h, err := host.New(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		wasm, err := os.ReadFile(strings.TrimPrefix(p, "file://"))
		if err != nil {
			h.Close(ctx)
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(p), ".wasm")
		if _, err := h.Load(ctx, name, wasm); err != nil {
			h.Close(ctx)
			return nil, fmt.Errorf("plugin %s: %w", p, err)
		}
	}
	return h, nil
}

const simulateUsage = "iamlab simulate-custom-policy --cli-input-json file://request.json|PATH|- [--output json|text] [--plugin FILE.wasm]..."

func runSimulateCustomPolicy(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("simulate-custom-policy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	input := fs.String("cli-input-json", "", "the request: file://PATH, a PATH, or - for standard input")
	output := fs.String("output", "json", "json or text")
	var plugins []string
	fs.Func("plugin", "a condition-operator plugin (.wasm) to load; may be repeated", func(path string) error {
		plugins = append(plugins, path)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *input == "" || fs.NArg() > 0 {
		printUsage(stderr, simulateUsage)
		return exitUsage
	}
	if !checkOutput(*output, stderr) {
		return exitUsage
	}
	name, data, err := readInput(*input, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	req, err := simulate.DecodeRequest(name, data)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	opts := simulate.Options{}
	if len(plugins) > 0 {
		h, err := loadPlugins(plugins)
		if err != nil {
			fmt.Fprintf(stderr, "iamlab: %v\n", err)
			return exitError
		}
		defer h.Close(context.Background())
		opts.Operators = h
	}
	resp, err := simulate.CustomPolicy(req, opts)
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
	if err := enc.Encode(resp); err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	return exitOK
}

// readInput reads file://PATH, PATH, or - (standard input), as the AWS CLI
// reads --cli-input-json, and names the source for error messages.
func readInput(arg string, stdin io.Reader) (string, []byte, error) {
	if arg == "-" {
		data, err := io.ReadAll(stdin)
		return "<stdin>", data, err
	}
	path := strings.TrimPrefix(arg, "file://")
	data, err := os.ReadFile(path)
	return path, data, err
}

func writeText(w io.Writer, resp *simulate.Response) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ACTION\tRESOURCE\tDECISION")
	for _, r := range resp.EvaluationResults {
		for _, rr := range r.ResourceSpecificResults {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.EvalActionName, rr.EvalResourceName, rr.EvalResourceDecision)
		}
	}
	tw.Flush()
	for _, r := range resp.EvaluationResults {
		for _, rr := range r.ResourceSpecificResults {
			fmt.Fprintf(w, "\n== %s on %s\n", r.EvalActionName, rr.EvalResourceName)
			rr.Explanation.WriteText(w)
		}
	}
}
