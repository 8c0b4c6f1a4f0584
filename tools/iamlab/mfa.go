package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/iamlab/iamlab/engine/mfa"
)

// runMFA runs `iamlab mfa code`: an authenticator app on the command line.
func runMFA(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const usageLine = "usage: iamlab mfa code --seed BASE32 [--at RFC3339-time]"
	if len(args) == 0 || args[0] != "code" {
		fmt.Fprintln(stderr, usageLine)
		return exitUsage
	}
	fs := flag.NewFlagSet("mfa code", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.String("seed", "", "the device's Base32 seed, as CreateVirtualMFADevice showed it")
	at := fs.String("at", "", "the moment to compute the code for, RFC 3339 (default: now)")
	if err := fs.Parse(args[1:]); err != nil {
		return exitUsage
	}
	if *seed == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, usageLine)
		return exitUsage
	}
	secret, err := mfa.DecodeBase32(*seed)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: --seed: %v\n", err)
		return exitError
	}
	when := time.Now()
	if *at != "" {
		if when, err = time.Parse(time.RFC3339, *at); err != nil {
			fmt.Fprintf(stderr, "iamlab: --at: %q is not an RFC 3339 time such as 2026-11-23T10:00:00Z\n", *at)
			return exitError
		}
	}
	code := mfa.Code(secret, when)
	if code == "" {
		fmt.Fprintln(stderr, "iamlab: no code exists for that moment (TOTP counts from 1970-01-01)")
		return exitError
	}
	fmt.Fprintln(stdout, code)
	return exitOK
}
