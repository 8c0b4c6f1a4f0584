package account

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/iamlab/iamlab/engine/catalog"
)

// CatalogAWSManagedPolicy converts one of the catalog's AWS managed
// policies (package catalog, generated from AWS's current documents) for
// [Account.RegisterAWSManagedPolicy]. The document is indented with four
// spaces, keys in AWS's order, as the IAM console shows it, unless that
// makes it longer than IAM's document parameter allows (ReadOnlyAccess
// does): then it stays compact.
func CatalogAWSManagedPolicy(p catalog.ManagedPolicy) AWSManagedPolicy {
	doc := p.Document
	var b bytes.Buffer
	if json.Indent(&b, []byte(p.Document), "", "    ") == nil && b.Len() <= maxPolicyDocument {
		doc = b.String()
	}
	return AWSManagedPolicy{PolicyName: p.Name, Path: p.Path, Document: doc, CreateDate: p.Created}
}

// RegisterCatalogAWSManagedPolicy registers the AWS managed policy with the
// given ARN (arn:aws:iam::aws:policy/ReadOnlyAccess) from the catalog's
// policies, so that it can be attached by that ARN. A policy the account
// already has, such as the built-in, abridged ReadOnlyAccess, gets AWS's
// current document as its new default version.
func (a *Account) RegisterCatalogAWSManagedPolicy(policies *catalog.ManagedPolicies, arn string) error {
	if policies == nil {
		return errorf(ErrInvalidInput, "no AWS managed policies to register %s from", arn)
	}
	p, ok := policies.Lookup(arn)
	if !ok || p.ARN != arn {
		return errorf(ErrNoSuchEntity, "Policy %s does not exist or is not attachable.", arn)
	}
	return a.RegisterAWSManagedPolicy(CatalogAWSManagedPolicy(p))
}

// RegisterCatalogAWSManagedPolicies registers every AWS managed policy of
// the catalog, as RegisterCatalogAWSManagedPolicy does for one. A policy
// that cannot be registered is skipped and reported in the joined error;
// the others are registered.
func (a *Account) RegisterCatalogAWSManagedPolicies(policies *catalog.ManagedPolicies) error {
	if policies == nil {
		return errorf(ErrInvalidInput, "no AWS managed policies to register")
	}
	var errs []error
	for _, p := range policies.Policies {
		if err := a.RegisterAWSManagedPolicy(CatalogAWSManagedPolicy(p)); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.ARN, err))
		}
	}
	return errors.Join(errs...)
}
