package catalog

import (
	_ "embed"
	"fmt"
	"strings"
	"time"
)

//go:embed data/policies.txt.gz
var policiesGz []byte

// ManagedPolicy is the current version of one AWS managed policy.
type ManagedPolicy struct {
	ARN       string // arn:aws:iam::aws:policy/PATH/NAME
	Name      string
	Path      string // "/", "/service-role/", "/job-function/" …
	VersionID string // the default version, e.g. "v12"
	Created   time.Time
	Updated   time.Time
	Document  string // compact JSON, keys in AWS's order
}

// ManagedPolicies is the set of AWS managed policies iamlab knows.
type ManagedPolicies struct {
	Source   Source
	Policies []ManagedPolicy // sorted by name
}

// Lookup finds a policy by ARN or by name.
func (m *ManagedPolicies) Lookup(arnOrName string) (ManagedPolicy, bool) {
	for _, p := range m.Policies {
		if p.ARN == arnOrName || p.Name == arnOrName {
			return p, true
		}
	}
	return ManagedPolicy{}, false
}

// LoadManagedPolicies decodes the AWS managed policies embedded in iamlab.
// Each call decodes them anew: callers keep the value they get.
func LoadManagedPolicies() (*ManagedPolicies, error) { return ReadManagedPoliciesGzip(policiesGz) }

// ReadManagedPoliciesGzip decodes gzip-compressed managed policies in
// their line format.
func ReadManagedPoliciesGzip(data []byte) (*ManagedPolicies, error) {
	text, err := gunzip(data)
	if err != nil {
		return nil, err
	}
	return ParseManagedPolicies(text)
}

// ParseManagedPolicies decodes managed policies in their line format
// (uncompressed). It never panics; malformed data gives an error wrapping
// [ErrFormat]. Documents are not parsed here: package policy does that.
func ParseManagedPolicies(data []byte) (*ManagedPolicies, error) {
	lines := strings.Split(string(data), "\n")
	if len(lines) < 2 || lines[0] != "iamlab-managed-policies 1" {
		return nil, fmt.Errorf("%w: line 1: want the header \"iamlab-managed-policies 1\"", ErrFormat)
	}
	src := strings.Fields(lines[1])
	if len(src) != 3 || src[0] != "source" {
		return nil, fmt.Errorf("%w: line 2: want \"source PACKAGE VERSION\"", ErrFormat)
	}
	m := &ManagedPolicies{Source: Source{Package: src[1], Version: src[2]}}
	const prefix = "arn:aws:iam::aws:policy/"
	for i, line := range lines[2:] {
		n := i + 3
		if line == "" {
			continue
		}
		rest, ok := strings.CutPrefix(line, "P ")
		f := strings.SplitN(rest, "\t", 5)
		if !ok || len(f) != 5 || !strings.HasPrefix(f[0], prefix) || f[1] == "" || f[4] == "" {
			return nil, fmt.Errorf("%w: line %d: want P ARN<TAB>VERSION<TAB>CREATED<TAB>UPDATED<TAB>DOCUMENT", ErrFormat, n)
		}
		p := ManagedPolicy{ARN: f[0], VersionID: f[1], Document: f[4]}
		pathName := strings.TrimPrefix(f[0], prefix)
		cut := strings.LastIndexByte(pathName, '/')
		p.Name = pathName[cut+1:]
		p.Path = "/" + pathName[:cut+1]
		if p.Name == "" {
			return nil, fmt.Errorf("%w: line %d: ARN %q has no policy name", ErrFormat, n, f[0])
		}
		var err error
		if p.Created, err = time.Parse(time.RFC3339, f[2]); err != nil {
			return nil, fmt.Errorf("%w: line %d: created: %v", ErrFormat, n, err)
		}
		if p.Updated, err = time.Parse(time.RFC3339, f[3]); err != nil {
			return nil, fmt.Errorf("%w: line %d: updated: %v", ErrFormat, n, err)
		}
		m.Policies = append(m.Policies, p)
	}
	return m, nil
}
