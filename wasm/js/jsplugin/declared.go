package jsplugin

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/plugins/abi"
)

// Declared is a registry of operator names whose plugins run elsewhere:
// the page's main thread declares the operators of the plugins loaded in
// its worker, so that its editors accept Plugin:Name while the worker
// decides. Declared operators never match: calling one is an error
// ([ErrUnavailable]), which fails closed. It implements
// [condition.Operators].
type Declared map[string]bool

// Lookup implements [condition.Operators].
func (d Declared) Lookup(name string) (condition.Custom, bool) {
	if !d[name] {
		return nil, false
	}
	return declaredOperator(name), true
}

// NewDeclared reads operator names, "Plugin:Name" or "Name".
func NewDeclared(names []string) (Declared, error) {
	d := Declared{}
	for _, n := range names {
		n = strings.TrimPrefix(n, "Plugin:")
		if err := condition.ValidPluginName(n); err != nil {
			return nil, err
		}
		d[n] = true
	}
	return d, nil
}

type declaredOperator string

func (o declaredOperator) Match(string, []string) (bool, error) {
	return false, &abi.Error{Kind: ErrUnavailable, Msg: fmt.Sprintf("Plugin:%s runs in the page's plugin worker, not here", string(o))}
}
