package validate

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// codesTable renders the table of codes that doc.go carries.
func codesTable() string {
	var b strings.Builder
	b.WriteString("//\t| code | type | Access Analyzer's |\n//\t| --- | --- | --- |\n")
	for _, c := range Codes() {
		info, _ := c.Info()
		aws := "iamlab's own"
		if info.AWS {
			aws = info.Title
		}
		fmt.Fprintf(&b, "//\t| %s | %s | %s |\n", c, info.Type, aws)
	}
	return b.String()
}

// TestDocListsEveryCode keeps the table in doc.go in step with the codes.
func TestDocListsEveryCode(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), codesTable()) {
		t.Errorf("doc.go's table of codes is out of date; it should read:\n%s", codesTable())
	}
}
