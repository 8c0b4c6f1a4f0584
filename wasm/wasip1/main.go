// Command wasip1 runs one golden scenario case inside WebAssembly: built
// with GOOS=wasip1 GOARCH=wasm, it reads a case (a txtar archive: the
// scenario, the files it reads) from standard input and prints the
// transcript, exactly as a native run prints it. It needs no file system,
// no clock and no network: the simulation's time and randomness are its
// own. The Go test beside it runs the whole corpus this way under wazero
// and compares every transcript with the native one, byte for byte.
//
// Exit status: 0 when the case ran (whatever its expectations said), 2
// when standard input is not a case.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/iamlab/iamlab/engine/scenario"
	"github.com/iamlab/iamlab/engine/scenario/golden"
)

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

func run(stdin io.Reader, stdout, stderr io.Writer) int {
	data, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "wasip1: reading the case: %v\n", err)
		return 2
	}
	c, err := golden.Parse("stdin", data)
	if err != nil {
		fmt.Fprintf(stderr, "wasip1: %v\n", err)
		return 2
	}
	out, _ := c.Run(scenario.Options{})
	if _, err := io.WriteString(stdout, out); err != nil {
		return 2
	}
	return 0
}
