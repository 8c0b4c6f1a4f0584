package validate_test

import (
	"testing"

	"github.com/iamlab/iamlab/engine/validate"
)

// FuzzValidate checks that no document makes Validate panic and that
// every finding has a known code and a location inside the document.
func FuzzValidate(f *testing.F) {
	f.Add([]byte(stmt(`{"Effect": "Allow", "Action": ["s3:GetObjct", "iam:PassRole"], "Resource": "*", "Condition": {"StringEquals": {"aws:SourceIp": "10.0.0.1/8"}}}`)), uint8(0))
	f.Add([]byte(stmt(`{"Effect": "Allow", "Principal": "*", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::b", "Condition": {"ForAllValues:NullIfExists": {"x": []}}}`)), uint8(1))
	f.Add([]byte(`{"Version": "2008-10-17", "Statement": {"Sid": "", "Effect": "Deny", "Action": "*:*", "Resource": "arn:aws:iam:us-east-1:1:user/${aws:username}"}}`), uint8(2))
	f.Add([]byte(`[1, {"a": "\u00e9"}]`), uint8(3))
	c := cat(f)
	f.Fuzz(func(t *testing.T, doc []byte, typ uint8) {
		req := validate.Request{Document: doc, Type: validate.PolicyType(typ % 4)}
		if typ&4 != 0 {
			req.ResourceType = validate.TrustPolicyResourceType
		}
		for _, fd := range validate.Validate(c, req) {
			if _, ok := fd.IssueCode.Info(); !ok {
				t.Fatalf("unknown code %s", fd.IssueCode)
			}
			if len(fd.Locations) != 1 {
				t.Fatalf("%s: %d locations", fd.IssueCode, len(fd.Locations))
			}
			s := fd.Locations[0].Span
			if s.Start.Offset < 0 || s.End.Offset > len(doc) || s.Start.Offset > s.End.Offset {
				t.Fatalf("%s: span %+v outside the document of %d bytes", fd.IssueCode, s, len(doc))
			}
		}
	})
}
