package account

import "github.com/iamlab/iamlab/engine/policy"

// noLimit is parseDocument's maxSize for documents no quota limits.
const noLimit = -1

// parseDocument checks a policy document parameter against its shape,
// parses it as a policy of type typ named name (the name prefixes the
// located error text), and checks its size: white space not counted
// (policy.Document.Size), against maxSize unless it is [noLimit], failing with
// tooBig's LimitExceeded. Sizes are checked before the grammar, so an
// oversized document is LimitExceeded even when it is also malformed.
func (a *Account) parseDocument(src, member, name string, typ policy.Type, maxSize int, tooBig func(size int) error) (*policy.Document, error) {
	return a.parseDocumentUpTo(src, member, name, typ, maxPolicyDocument, maxSize, tooBig)
}

// parseDocumentUpTo is parseDocument for a document of up to maxLength
// characters rather than the API parameter's 131,072.
func (a *Account) parseDocumentUpTo(src, member, name string, typ policy.Type, maxLength, maxSize int, tooBig func(size int) error) (*policy.Document, error) {
	var c checks
	c.documentUpTo(src, member, maxLength)
	if err := c.err(); err != nil {
		return nil, err
	}
	doc, err := policy.Parse([]byte(src), policy.Options{Type: typ, Name: name, Operators: a.env.Operators})
	if doc != nil && maxSize != noLimit && doc.Size > maxSize {
		return nil, tooBig(doc.Size)
	}
	if err != nil {
		return nil, &Error{Code: ErrMalformedPolicyDocument, Message: err.Error(), Err: err}
	}
	if doc == nil {
		return nil, errorf(ErrMalformedPolicyDocument, "%s: the policy could not be parsed", name)
	}
	return doc, nil
}
