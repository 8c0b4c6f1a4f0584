package cloud

import (
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/account"
)

// AccessKeyLastUsed is where an access key last signed a request the cloud
// authorized (allowed or not), as GetAccessKeyLastUsed reports it: when,
// the service (the action's prefix: s3, iam, sts…) and the region that
// received it. ok is false while the key has signed nothing.
func (c *Cloud) AccessKeyLastUsed(keyID string) (last account.AccessKeyLastUsed, ok bool) {
	u, ok := c.lastUse[keyID]
	if !ok {
		return account.AccessKeyLastUsed{ServiceName: "N/A", Region: "N/A"}, false
	}
	at := u.at.UTC().Truncate(time.Second)
	return account.AccessKeyLastUsed{LastUsedDate: &at, ServiceName: u.service, Region: u.region}, true
}

// recordKeyUse records that a caller's access key (a long-term key, not a
// session's) signed a request to service in region: STS's calls, which
// authenticate without an authorization decision of their own.
func (c *Cloud) recordKeyUse(id *identity, service, region string) {
	if id != nil && id.session == nil && strings.HasPrefix(id.caller.Via, "access key ") {
		c.recordUse(strings.TrimPrefix(id.caller.Via, "access key "), service+":", region)
	}
}
