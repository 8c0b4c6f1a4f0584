package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/iamlab/iamlab/engine/complete"
	"github.com/iamlab/iamlab/engine/policy"
)

const completeUsage = "iamlab complete --offset N [--policy-type identity|resource|trust|boundary|session|scp|rcp] file://policy.json|PATH|-"

// runComplete prints, as JSON, what an editor could offer at a byte
// offset of a policy that may be half typed (engine/complete).
func runComplete(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("complete", flag.ContinueOnError)
	fs.SetOutput(stderr)
	offset := fs.Int("offset", -1, "the cursor, in bytes from the start of the document")
	typ := fs.String("policy-type", "identity", "identity, resource, trust, boundary, session, scp or rcp")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 || *offset < 0 {
		printUsage(stderr, completeUsage)
		return exitUsage
	}
	pt, ok := policyType(*typ)
	if !ok {
		fmt.Fprintf(stderr, "iamlab: --policy-type must be identity, resource, trust, boundary, session, scp or rcp, got %q\n", *typ)
		return exitUsage
	}
	_, data, cat, ok := readWithCatalog(fs.Arg(0), stdin, stderr)
	if !ok {
		return exitError
	}
	r, err := complete.At(string(data), *offset, complete.Options{Type: pt, Catalog: cat})
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	writeJSON(stdout, r)
	return exitOK
}

// policyType reads a policy type by the engine's own names.
func policyType(name string) (policy.Type, bool) {
	for t := policy.Identity; t <= policy.RCP; t++ {
		if t.String() == name {
			return t, true
		}
	}
	return 0, false
}
