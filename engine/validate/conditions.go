package validate

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/jsonpos"
)

func (c *checker) conditions(s *stmt) {
	v := s.cond.Value
	path := pv(s.path, "Condition")
	if v.Kind != jsonpos.Object {
		c.add(DataTypeMismatch, "The text does not match the expected JSON data type Object: Condition is an object of condition operators.", path, v)
		return
	}
	if len(v.Members) == 0 {
		c.add(EmptyObjectCondition, "This condition block is empty and it does not affect the policy. Specify conditions.", path, v)
		return
	}
	seen := map[string]string{} // folded key → as first written, over the whole block
	for i := range v.Members {
		op := &v.Members[i]
		opPath := pv(path, op.Key)
		base := op.Key
		if q, rest, ok := strings.Cut(base, ":"); ok && (q == "ForAllValues" || q == "ForAnyValue") {
			base = rest
		}
		if base == "NullIfExists" {
			c.addKey(NullWithIfExists, "The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.", pk(path, op.Key), op)
			continue
		}
		name, err := condition.ParseName(op.Key)
		if err != nil {
			c.addKey(InvalidConditionOperator, fmt.Sprintf("The condition operator %s is not valid. Use a valid condition operator.", op.Key), pk(path, op.Key), op)
			continue
		}
		if name.Op == condition.Null && name.Set != condition.None {
			c.addKey(NullWithQualifier, "Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.", pk(path, op.Key), op)
		}
		if op.Value.Kind != jsonpos.Object {
			c.add(DataTypeMismatch, "The text does not match the expected JSON data type Object: an operator takes an object of condition keys and values.", opPath, op.Value)
			continue
		}
		if len(op.Value.Members) == 0 {
			c.add(EmptyObjectCondition, "This condition block is empty and it does not affect the policy. Specify conditions.", opPath, op.Value)
			continue
		}
		for j := range op.Value.Members {
			kv := &op.Value.Members[j]
			s.keys = append(s.keys, kv.Key)
			folded := strings.ToLower(kv.Key)
			if first, ok := seen[folded]; ok && first != kv.Key {
				c.addKey(DuplicateKeysWithDifferentCase, fmt.Sprintf("The condition key %s appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.", kv.Key), pk(opPath, kv.Key), kv)
			} else if !ok {
				seen[folded] = kv.Key
			}
			s.conds = append(s.conds, condRef{op: name, kv: kv, path: pk(opPath, kv.Key)})
			c.conditionKey(s, name, kv, pv(opPath, kv.Key))
		}
	}
}

// conditionKey checks one key of an operator and its values.
func (c *checker) conditionKey(s *stmt, name condition.Name, kv *jsonpos.Member, path []PathElement) {
	vals := c.conditionValues(name, kv, path)
	if name.Plugin != "" {
		return
	}
	if !strings.Contains(kv.Key, ":") {
		c.addKey(InvalidConditionKeyFormat, "The condition key format is not valid. Use the format service:keyname.", pk(path[:len(path)-1], kv.Key), kv)
		return
	}
	for _, v := range vals {
		c.conditionValue(name, kv.Key, v.v, v.path, len(vals))
	}
	if name.Op == condition.IpAddress || name.Op == condition.NotIpAddress {
		c.privateIPs(name, kv, vals, path)
	}
	c.valueShapes(name, kv, vals, path)
	if strings.EqualFold(kv.Key, "aws:ARN") {
		c.addKey(UnsupportedGlobalConditionKey, "The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.", pk(path[:len(path)-1], kv.Key), kv)
		return
	}
	if c.cat == nil {
		return
	}
	k := c.lookupKey(s, kv, path)
	if k == nil {
		return
	}
	keyPath := pk(path[:len(path)-1], kv.Key)
	if allowed := allowedFamilies(k.Type.Elem()); name.Op != condition.Null && !contains(allowed, family(name.Op)) {
		c.addKey(TypeMismatch, fmt.Sprintf("Use the operator type %s instead of operator %s for the condition key %s.", strings.Join(allowed, " or "), name.Op, kv.Key), keyPath, kv)
	}
	switch {
	case name.Op == condition.Null:
	case k.Type.IsArray() && name.Set == condition.None:
		c.addKey(MissingQualifier, fmt.Sprintf("The request context key %s has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.", kv.Key), keyPath, kv)
	case !k.Type.IsArray() && name.Set == condition.ForAllValues:
		c.addKey(ForAllValuesWithSingleValuedKey, fmt.Sprintf("Using ForAllValues qualifier with the single-valued condition key %s can be overly permissive. We recommend that you remove ForAllValues:.", kv.Key), keyPath, kv)
	}
}

// family names an operator's type as Access Analyzer's messages do.
func family(op condition.Operator) string {
	switch {
	case op >= condition.StringEquals && op <= condition.StringNotLike:
		return "String"
	case op >= condition.NumericEquals && op <= condition.NumericGreaterThanEquals:
		return "Numeric"
	case op >= condition.DateEquals && op <= condition.DateGreaterThanEquals:
		return "Date"
	case op == condition.Bool:
		return "Bool"
	case op == condition.BinaryEquals:
		return "Binary"
	case op == condition.IpAddress || op == condition.NotIpAddress:
		return "IpAddress"
	case op >= condition.ArnEquals && op <= condition.ArnNotLike:
		return "Arn"
	}
	return "Null"
}

// allowedFamilies are the operator types that fit a key type: ARN keys
// take String operators too, and date keys numeric ones (aws:EpochTime,
// reference_policies_condition-keys.md).
func allowedFamilies(t catalog.KeyType) []string {
	switch t {
	case catalog.ARN:
		return []string{"Arn", "String"}
	case catalog.Numeric:
		return []string{"Numeric"}
	case catalog.Date:
		return []string{"Date", "Numeric"}
	case catalog.Bool:
		return []string{"Bool"}
	case catalog.IPAddress:
		return []string{"IpAddress"}
	case catalog.Binary:
		return []string{"Binary"}
	}
	return []string{"String"}
}

type condValue struct {
	v    *jsonpos.Value
	path []PathElement
}

// conditionValues reads a key's values, reporting empty arrays and values
// that are not strings, numbers or booleans.
func (c *checker) conditionValues(name condition.Name, kv *jsonpos.Member, path []PathElement) []condValue {
	v := kv.Value
	scalar := func(e *jsonpos.Value) bool {
		return e.Kind == jsonpos.String || e.Kind == jsonpos.Number || e.Kind == jsonpos.Bool
	}
	if v.Kind != jsonpos.Array {
		if !scalar(v) {
			c.add(DataTypeMismatch, "The text does not match the expected JSON data type String, Number or Boolean.", path, v)
			return nil
		}
		return []condValue{{v, path}}
	}
	if len(v.Elems) == 0 {
		switch {
		case name.Set == condition.ForAllValues:
			c.add(EmptyArrayConditionForAllValues, fmt.Sprintf("The ForAllValues prefix with an empty condition key matches only if the key %s is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.", kv.Key), path, v)
		case name.Set == condition.ForAnyValue:
			c.add(EmptyArrayConditionForAnyValue, fmt.Sprintf("The ForAnyValue prefix with an empty condition key %s never matches the request context and it does not affect the policy. Specify conditions.", kv.Key), path, v)
		case name.IfExists:
			c.add(EmptyArrayConditionIfExists, fmt.Sprintf("The IfExists suffix with an empty condition key matches only if the key %s is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.", kv.Key), path, v)
		default:
			c.add(EmptyArrayCondition, fmt.Sprintf("There are no values for the condition key %s and it does not affect the policy. Specify conditions.", kv.Key), path, v)
		}
		return nil
	}
	var out []condValue
	for i, e := range v.Elems {
		if !scalar(e) {
			c.add(DataTypeMismatch, "The text does not match the expected JSON data type String, Number or Boolean.", pi(path, i), e)
			continue
		}
		out = append(out, condValue{e, pi(path, i)})
	}
	return out
}

// conditionValue checks one value against its operator.
func (c *checker) conditionValue(name condition.Name, key string, v *jsonpos.Value, path []PathElement, count int) {
	val := v.Text
	fam := family(name.Op)
	if strings.Contains(val, "${") {
		if !c.v2012 {
			c.add(VariableUnsupportedInVersion, "To include variables in your policy, use the policy version 2012-10-17 or later.", path, v)
			return
		}
		if c.variables(v, path) {
			return
		}
		if fam != "String" && fam != "Arn" {
			c.add(InvalidVariableForOperator, "Policy variables can only be used with String and ARN operators.", path, v)
		}
		return
	}
	if (name.Op == condition.StringEquals || name.Op == condition.StringNotEquals ||
		name.Op == condition.StringEqualsIgnoreCase || name.Op == condition.StringNotEqualsIgnoreCase) && strings.ContainsAny(val, "*?") {
		c.add(WildcardWithoutLikeOperator, "Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.", path, v)
	}
	if name.Op == condition.Bool && count > 1 {
		c.add(InvalidConditionMultipleBoolean, "The condition key does not support multiple Boolean values. Use a single Boolean value.", path, v)
	}
	if name.Op == condition.Null {
		return
	}
	_, err := condition.Compile(name, key, []string{val}, c.v2012)
	var ve *condition.ValueError
	if err == nil || !errors.As(err, &ve) {
		if fam == "IpAddress" {
			c.improveIP(v, path)
		}
		return
	}
	switch fam {
	case "Numeric":
		c.add(TypeMismatchNumber, fmt.Sprintf("Add a valid numeric value for the condition operator %s.", name), path, v)
	case "Date":
		c.add(TypeMismatchDate, "The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.", path, v)
	case "Bool":
		c.add(TypeMismatchBoolean, fmt.Sprintf("Add a valid Boolean value (true or false) for the condition operator %s.", name), path, v)
	case "IpAddress":
		c.add(TypeMismatchIPRange, fmt.Sprintf("The condition operator %s is used with an invalid IP range value. Specify the IP range in standard CIDR format.", name), path, v)
	case "Binary":
		c.add(TypeMismatchString, fmt.Sprintf("Add a valid base64-encoded string value for the condition operator %s.", name), path, v)
	}
}

// improveIP suggests writing a CIDR range without host bits.
func (c *checker) improveIP(v *jsonpos.Value, path []PathElement) {
	p, err := netip.ParsePrefix(v.Text)
	if err != nil {
		return
	}
	if m := p.Masked(); m != p {
		c.add(ImproveIPRange, fmt.Sprintf("The non-zero bits in the IP address after the masked bits are ignored. Replace address with %s.", m), path, v)
	}
}

// privateIPs reports aws:SourceIp ranges that are private: the key only
// ever holds public addresses.
func (c *checker) privateIPs(name condition.Name, kv *jsonpos.Member, vals []condValue, path []PathElement) {
	if !strings.EqualFold(kv.Key, "aws:SourceIp") || len(vals) == 0 {
		return
	}
	private, public := 0, 0
	for _, v := range vals {
		addr, err := netip.ParseAddr(v.v.Text)
		if p, perr := netip.ParsePrefix(v.v.Text); perr == nil {
			addr, err = p.Masked().Addr(), nil
		}
		if err != nil {
			return
		}
		if addr.IsPrivate() || addr.IsLoopback() || addr.IsLinkLocalUnicast() {
			private++
		} else {
			public++
		}
	}
	keyPath := pk(path[:len(path)-1], kv.Key)
	switch {
	case public == 0 && name.Op == condition.IpAddress:
		c.addKey(PrivateIPAddress, "aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.", keyPath, kv)
	case public == 0:
		c.addKey(PrivateNotIPAddress, "The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.", keyPath, kv)
	case private > 0 && name.Op == condition.NotIpAddress:
		c.addKey(PrivateNotIPAddressSubset, "The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect: aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.", keyPath, kv)
	case private > 0:
		c.addKey(PrivateIPAddressSubset, "The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.", keyPath, kv)
	}
}

// lookupKey finds a condition key in the catalog, reporting keys that do
// not exist and keys the statement's actions do not support. nil when the
// key is unknown or cannot be checked (an OIDC provider's keys).
func (c *checker) lookupKey(s *stmt, kv *jsonpos.Member, path []PathElement) *catalog.Key {
	name := kv.Key
	keyPath := pk(path[:len(path)-1], name)
	prefix, _, _ := strings.Cut(name, ":")
	lp := strings.ToLower(prefix)
	if k, ok := c.cat.GlobalKey(name); ok {
		return k
	}
	if lp == "aws" {
		if contains([]string{"aws:requesttag", "aws:resourcetag", "aws:principaltag"}, strings.TrimSuffix(strings.ToLower(name), "/")) {
			c.addKey(MissingTagKeyInCondition, fmt.Sprintf("The condition key %s must include a tag key to control access based on tags. Use the format %s/tag-key and specify a key name for tag-key.", strings.TrimSuffix(name, "/"), strings.TrimSuffix(name, "/")), keyPath, kv)
			return nil
		}
		if k := c.anyServiceKey(name); k != nil {
			return k
		}
		c.addKey(InvalidGlobalConditionKey, fmt.Sprintf("The condition key %s does not exist. Use a valid condition key.", name), keyPath, kv)
		return nil
	}
	svc, ok := c.cat.Service(prefix)
	if !ok {
		if k := c.anyServiceKey(name); k != nil {
			return k
		}
		if !strings.ContainsAny(prefix, "./") {
			c.addKey(InvalidService, fmt.Sprintf("The service %s does not exist. Use a valid service name.", prefix), keyPath, kv)
		}
		return nil
	}
	k, ok := svc.Key(name)
	if !ok {
		if k := c.anyServiceKey(name); k != nil {
			return k
		}
		c.addKey(InvalidServiceConditionKey, fmt.Sprintf("The condition key %s does not exist in the service %s. Use a valid condition key.", name, svc.Prefix), keyPath, kv)
		return nil
	}
	if !s.notAct {
		var unsupported []string
		for _, e := range s.actions {
			if !e.literalService || len(e.expanded) == 0 {
				continue
			}
			ok := false
			for _, a := range e.expanded {
				if a.SupportsKey(c.cat, name) {
					ok = true
					break
				}
			}
			if !ok {
				unsupported = append(unsupported, e.text)
			}
		}
		if len(unsupported) > 0 {
			c.addKey(UnsupportedActionForConditionKey, fmt.Sprintf("The following actions: %s are not supported by the condition key %s. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key.", strings.Join(unsupported, ", "), name), keyPath, kv)
		}
	}
	return k
}

// anyServiceKey finds a key some service defines under another prefix
// (sts lists saml:* and the web identity providers' keys).
func (c *checker) anyServiceKey(name string) *catalog.Key {
	for _, svc := range c.cat.Services() {
		if k, ok := svc.Key(name); ok {
			return k
		}
	}
	return nil
}

// valueShapes checks a key's values as a whole and against the shapes of
// well-known keys: values of different JSON types, Region names, VPC and
// VPC endpoint IDs, dates written as epoch seconds, and several bounds
// for one numeric comparison.
func (c *checker) valueShapes(name condition.Name, kv *jsonpos.Member, vals []condValue, path []PathElement) {
	keyPath := pk(path[:len(path)-1], kv.Key)
	kinds := map[jsonpos.Kind]bool{}
	for _, v := range vals {
		kinds[v.v.Kind] = true
	}
	if len(kinds) > 1 {
		c.addKey(InvalidConditionDataType, "The condition value data types do not match. Use condition values of the same JSON data type.", keyPath, kv)
		return
	}
	literal := func(s string) bool { return !strings.ContainsAny(s, "*?") && !strings.Contains(s, "${") }
	fam := family(name.Op)
	for _, v := range vals {
		t := v.v.Text
		if v.v.Kind != jsonpos.String || !literal(t) {
			continue
		}
		switch {
		case fam == "String" && strings.EqualFold(kv.Key, "aws:RequestedRegion") && !isRegion(t):
			c.add(InvalidRegion, fmt.Sprintf("The Region %s is not valid. Update the condition value to a supported Region.", t), v.path, v.v)
		case fam == "String" && strings.EqualFold(kv.Key, "aws:SourceVpc") && !isAWSID(t, "vpc-"):
			c.add(InvalidVPCFormat, "The VPC identifier in the condition key value is not valid. Use the prefix 'vpc-' followed by 8 or 17 alphanumeric characters.", v.path, v.v)
		case fam == "String" && strings.EqualFold(kv.Key, "aws:SourceVpce") && !isAWSID(t, "vpce-"):
			c.add(InvalidVPCEFormat, "The VPCE identifier in the condition key value is not valid. Use the prefix 'vpce-' followed by 8 or 17 alphanumeric characters.", v.path, v.v)
		}
	}
	if fam == "Date" {
		for _, v := range vals {
			if isDigits(v.v.Text) {
				c.add(InvalidDateValue, fmt.Sprintf("The date %s might not resolve as expected: it is read as seconds since 1970. We recommend that you use the YYYY-MM-DD format, or YYYY-MM-DDThh:mm:ssZ for a time.", v.v.Text), v.path, v.v)
			}
		}
	}
	c.redundantNumbers(name, kv, vals, keyPath)
}

// redundantNumbers suggests one bound instead of several for a numeric
// less-than or greater-than comparison: any value matches if the loosest
// does.
func (c *checker) redundantNumbers(name condition.Name, kv *jsonpos.Member, vals []condValue, keyPath []PathElement) {
	var word string
	switch name.Op {
	case condition.NumericLessThan, condition.NumericLessThanEquals:
		word = "greatest"
	case condition.NumericGreaterThan, condition.NumericGreaterThanEquals:
		word = "least"
	default:
		return
	}
	if len(vals) < 2 || name.Set != condition.None {
		return
	}
	for _, v := range vals {
		if _, err := strconv.ParseFloat(v.v.Text, 64); err != nil {
			return
		}
	}
	c.addKey(RedundantConditionValueNum, fmt.Sprintf("Multiple values in %s are redundant. Replace with the %s single value for %s.", name, word, kv.Key), keyPath, kv)
}

// isAWSID accepts prefix followed by 8 or 17 letters and digits, as VPC
// and VPC endpoint IDs are written.
func isAWSID(s, prefix string) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || len(rest) != 8 && len(rest) != 17 {
		return false
	}
	for _, r := range rest {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
