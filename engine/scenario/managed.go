package scenario

import (
	"strings"
	"sync"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/cloud"
)

// awsPolicyPrefix begins every AWS managed policy's ARN.
const awsPolicyPrefix = "arn:aws:iam::aws:policy/"

// awsPolicies are the catalog's AWS managed policies, decoded once, when
// a scenario first names one, and shared by every run: registering all
// of them in each account a scenario creates would cost more than most
// scenarios take to run.
var awsPolicies = sync.OnceValues(catalog.LoadManagedPolicies)

// catalogARN is the ARN of the catalog's AWS managed policy named name,
// or "".
func catalogARN(name string) string {
	ps, err := awsPolicies()
	if err != nil {
		return ""
	}
	if p, ok := ps.Lookup(name); ok && p.Name == name {
		return p.ARN
	}
	return ""
}

// withAWSPolicy makes op register the AWS managed policy arn from the
// catalog first, in the account op runs on, when it is one the catalog
// has and the account does not have its current document yet. The
// registration is part of op's change: if op fails, it is undone too.
func withAWSPolicy(arn string, op func(*account.Account) error) func(*account.Account) error {
	if !strings.HasPrefix(arn, awsPolicyPrefix) {
		return op
	}
	return func(acc *account.Account) error {
		if err := registerAWSPolicy(acc, arn); err != nil {
			return err
		}
		return op(acc)
	}
}

func registerAWSPolicy(acc *account.Account, arn string) error {
	ps, err := awsPolicies()
	if err != nil {
		return err
	}
	p, ok := ps.Lookup(arn)
	if !ok || p.ARN != arn {
		return nil // the operation reports that there is no such policy
	}
	want := account.CatalogAWSManagedPolicy(p).Document
	if out, err := acc.GetPolicy(account.GetPolicyInput{PolicyArn: arn}); err == nil {
		v, err := acc.GetPolicyVersion(account.GetPolicyVersionInput{PolicyArn: arn, VersionId: out.Policy.DefaultVersionId})
		if err == nil && v.PolicyVersion.Document == want {
			return nil
		}
	}
	return acc.RegisterCatalogAWSManagedPolicy(ps, arn)
}

// importSnapshot loads an account snapshot into the current account, on
// the control plane: the snapshot's entities reach the regions after the
// propagation delay, like any IAM change.
func (w *world) importSnapshot(s *Import) outcome {
	if err := w.needAccount(); err != nil {
		return w.fail(err)
	}
	data, err := w.document(&Body{File: s.Path})
	if err != nil {
		return w.fail(err)
	}
	d, err := account.DecodeAuthorizationDetails([]byte(data))
	if err != nil {
		return w.fail(w.errAt(s.Path, "%s: %v", s.Path.Text(), err))
	}
	ps, err := awsPolicies()
	if err != nil {
		return w.fail(err)
	}
	err = w.cloud.Admin(func(st *cloud.State) error {
		return st.Accounts[w.current].ImportSnapshot(d, ps)
	})
	if err != nil {
		return w.fail(w.errAt(s.Path, "%s: %v", s.Path.Text(), err))
	}
	// The snapshot's customer managed policies are named by their names,
	// whatever their paths, as the scenario's own are.
	for _, p := range d.Policies {
		if !strings.HasPrefix(p.Arn, awsPolicyPrefix) {
			w.policies[ukey(w.current, p.PolicyName)] = p.Arn
		}
	}
	w.say("imported %s into account %s (users %d, groups %d, roles %d, managed policies %d)",
		s.Path.Text(), w.current, len(d.UserDetailList), len(d.GroupDetailList), len(d.RoleDetailList), len(d.Policies))
	return outcome{}
}
