package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"rsc.io/qr"

	"github.com/iamlab/iamlab/engine/mfa"
)

const mfaUsage = `iamlab mfa code --seed BASE32 [--at RFC3339-time]
iamlab mfa qr --url otpauth://totp/... --out FILE.png|-`

// runMFA runs `iamlab mfa code`, an authenticator app on the command line,
// and `iamlab mfa qr`, the QR code CreateVirtualMFADevice shows once.
func runMFA(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "qr" {
		return runMFAQR(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "code" {
		printUsage(stderr, mfaUsage)
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
		printUsage(stderr, mfaUsage)
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

// runMFAQR writes the QR code of an otpauth:// key URI as a PNG, for a real
// authenticator app to scan.
func runMFAQR(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mfa qr", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "", "the device's otpauth:// key URI, as CreateVirtualMFADevice showed it")
	out := fs.String("out", "", "the PNG file to write, or - for standard output")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *url == "" || *out == "" || fs.NArg() > 0 {
		printUsage(stderr, mfaUsage)
		return exitUsage
	}
	if _, err := mfa.ParseURL(*url); err != nil {
		fmt.Fprintf(stderr, "iamlab: --url: %v\n", err)
		return exitError
	}
	code, err := qr.Encode(*url, qr.M)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	png := code.PNG()
	if *out == "-" {
		_, err = stdout.Write(png)
	} else {
		err = os.WriteFile(*out, png, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	return exitOK
}
