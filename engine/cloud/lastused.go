package cloud

import (
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
