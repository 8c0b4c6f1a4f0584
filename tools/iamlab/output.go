package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/iamlab/iamlab/engine/catalog"
)

// What the commands that read a policy and print a report share.

// checkOutput reports whether --output is json or text, and says so on
// stderr when it is not.
func checkOutput(output string, stderr io.Writer) bool {
	if output != "json" && output != "text" {
		fmt.Fprintf(stderr, "iamlab: --output must be json or text, got %q\n", output)
		return false
	}
	return true
}

// readWithCatalog reads a policy argument (readDocument) and loads the
// action catalog; a failure is said on stderr, and ok is false.
func readWithCatalog(arg string, stdin io.Reader, stderr io.Writer) (name string, data []byte, cat *catalog.Catalog, ok bool) {
	name, data, err := readDocument(arg, stdin)
	if err == nil {
		cat, err = catalog.Load()
	}
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return "", nil, nil, false
	}
	return name, data, cat, true
}

// writeJSON prints v as these commands print JSON: indented by four
// spaces, with <, > and & as they are.
func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "    ")
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// plural counts a noun: "1 action", "2 actions", "0 policies" — a noun
// that ends in a consonant and y ends in ies. The last word is the noun:
// "customer managed policy".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if stem, ok := strings.CutSuffix(noun, "y"); ok && stem != "" && !strings.ContainsRune("aeiou", rune(stem[len(stem)-1])) {
		return fmt.Sprintf("%d %sies", n, stem)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
