package summary_test

import (
	"testing"

	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/summary"
)

// FuzzSummarize summarizes whatever the policy parser accepts, without a
// panic.
func FuzzSummarize(f *testing.F) {
	f.Add([]byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "nope:X", "ec2:Nope"], "Resource": ["arn:aws:s3:::b/*", "*"], "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}`))
	f.Add([]byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::b"}}`))
	c, err := loadOnce()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := policy.Parse(data, policy.Options{Type: policy.Identity})
		if err != nil {
			return
		}
		s := summary.Summarize(c, doc)
		for _, r := range append(s.Allow, s.ExplicitDeny...) {
			_ = r.AccessText()
		}
	})
}
