package account

import (
	"slices"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/mfa"
)

// mfaDevice is a virtual MFA device the account owns (engine/mfa holds the
// device itself), with whom it is enabled for and its tags.
type mfaDevice struct {
	dev   *mfa.Device
	root  bool   // enabled for the root user
	owner string // folded user name it is enabled for; "" when unassigned
	tags  []Tag
}

func (d *mfaDevice) enabled() bool { return d.dev.Status() == mfa.Enabled }

// ownedBy reports whether the device is enabled for o.
func (d *mfaDevice) ownedBy(o keyOwner) bool {
	return d.enabled() && d.root == o.root && (o.root || d.owner == o.user)
}

// userDevices lists the devices enabled for o, sorted by serial number.
func (a *Account) userDevices(o keyOwner) []*mfaDevice {
	var out []*mfaDevice
	for _, d := range a.s.devices {
		if d.ownedBy(o) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(x, y *mfaDevice) int { return strings.Compare(x.dev.SerialNumber(), y.dev.SerialNumber()) })
	return out
}

// VirtualMFADevice is a virtual MFA device. Base32StringSeed and URL are
// set only in CreateVirtualMFADevice's response, the one time the secret
// is shown.
type VirtualMFADevice struct {
	SerialNumber     string
	Base32StringSeed string     `json:",omitempty"`
	URL              string     `json:",omitempty"` // the otpauth:// key URI a QR code would carry
	QRCodePNG        []byte     `json:",omitempty"` // that URI as a QR code (only with Env.QRCode), at creation only
	User             *User      `json:",omitempty"`
	EnableDate       *time.Time `json:",omitempty"`
	Tags             []Tag      `json:",omitempty"`
}

// CreateVirtualMFADeviceInput is CreateVirtualMFADevice's request.
type CreateVirtualMFADeviceInput struct {
	Path                 string
	VirtualMFADeviceName string
	Tags                 []Tag
}

// CreateVirtualMFADeviceOutput is CreateVirtualMFADevice's response.
type CreateVirtualMFADeviceOutput struct {
	VirtualMFADevice VirtualMFADevice
}

// CreateVirtualMFADevice creates an unassigned virtual MFA device, its
// secret drawn from Env.Rand. A device with the same path and name
// (ignoring case) is EntityAlreadyExists; the account holds at most
// Quotas.VirtualMFADevices.
func (a *Account) CreateVirtualMFADevice(in CreateVirtualMFADeviceInput) (*CreateVirtualMFADeviceOutput, error) {
	tags, err := a.newTags(in.Tags, false, "MFADevice")
	if err != nil {
		return nil, err
	}
	serial := a.arn("mfa", orDefaultPath(in.Path), in.VirtualMFADeviceName)
	if validName(in.VirtualMFADeviceName, 1<<20) && validPath(orDefaultPath(in.Path)) {
		if a.s.devices[fold(serial)] != nil {
			return nil, errorf(ErrEntityAlreadyExists, "MFADevice entity at the same path and name already exists.")
		}
		if len(a.s.devices) >= a.s.quotas.VirtualMFADevices {
			return nil, quotaError("VirtualMFADevicesPerAccount", a.s.quotas.VirtualMFADevices)
		}
	}
	dev, boot, err := mfa.Create(mfa.Request{AccountID: a.s.id, Path: in.Path, Name: in.VirtualMFADeviceName}, a.env.Rand, a.now())
	if err != nil {
		return nil, fromMFA(err)
	}
	var png []byte
	if a.env.QRCode != nil {
		if png, err = a.env.QRCode(boot.URL); err != nil {
			return nil, errorf(ErrServiceFailure, "The QR code of the device could not be made: %v", err)
		}
	}
	a.s.devices[fold(dev.SerialNumber())] = &mfaDevice{dev: dev, tags: tags}
	return &CreateVirtualMFADeviceOutput{VirtualMFADevice: VirtualMFADevice{
		SerialNumber: boot.SerialNumber, Base32StringSeed: boot.Base32StringSeed, URL: boot.URL, QRCodePNG: png, Tags: slices.Clone(tags),
	}}, nil
}

func (a *Account) lookupDevice(serial string) (*mfaDevice, error) {
	var c checks
	c.serial(serial, "serialNumber")
	if err := c.err(); err != nil {
		return nil, err
	}
	d := a.s.devices[fold(serial)]
	if d == nil {
		return nil, errorf(ErrNoSuchEntity, "MFA Device with serial number %s does not exist.", serial)
	}
	return d, nil
}

// mfaHolder resolves the user an MFA operation names: "" is the root user.
func (a *Account) mfaHolder(userName string) (keyOwner, string, error) {
	if userName == "" {
		return keyOwner{root: true}, "root", nil
	}
	u, err := a.lookupUser(userName, maxExistingUserName)
	if err != nil {
		return keyOwner{}, "", err
	}
	return keyOwner{user: fold(u.name)}, u.name, nil
}

// MFADeviceCodesInput is the request of EnableMFADevice and
// ResyncMFADevice: the user ("" for the root user), the device and two
// consecutive codes it showed.
type MFADeviceCodesInput struct {
	UserName            string
	SerialNumber        string
	AuthenticationCode1 string
	AuthenticationCode2 string
}

// EnableMFADevice binds a virtual MFA device to a user, given two
// consecutive codes. A user, and the root user, may have up to
// Quotas.MFADevicesPerUser (8) devices in use (reference_iam-quotas.md).
func (a *Account) EnableMFADevice(in MFADeviceCodesInput) error {
	owner, name, err := a.mfaHolder(in.UserName)
	if err != nil {
		return err
	}
	d, err := a.lookupDevice(in.SerialNumber)
	if err != nil {
		return err
	}
	if !d.enabled() && len(a.userDevices(owner)) >= a.s.quotas.MFADevicesPerUser {
		return quotaError("MFADevicesPerUser", a.s.quotas.MFADevicesPerUser)
	}
	dev := *d.dev
	if err := dev.Enable(name, in.AuthenticationCode1, in.AuthenticationCode2, a.now()); err != nil {
		return fromMFA(err)
	}
	*d = mfaDevice{dev: &dev, root: owner.root, owner: owner.user, tags: d.tags}
	return nil
}

// enabledDevice finds a device enabled for the named user.
func (a *Account) enabledDevice(userName, serial string) (*mfaDevice, error) {
	owner, name, err := a.mfaHolder(userName)
	if err != nil {
		return nil, err
	}
	d, err := a.lookupDevice(serial)
	if err != nil {
		return nil, err
	}
	if !d.ownedBy(owner) {
		return nil, errorf(ErrNoSuchEntity, "MFA Device with serial number %s is not enabled for user %s.", serial, name)
	}
	return d, nil
}

// ResyncMFADevice re-measures the clock drift of a device enabled for the
// user, given two consecutive codes.
func (a *Account) ResyncMFADevice(in MFADeviceCodesInput) error {
	d, err := a.enabledDevice(in.UserName, in.SerialNumber)
	if err != nil {
		return err
	}
	dev := *d.dev
	if err := dev.Resync(d.dev.UserName(), in.AuthenticationCode1, in.AuthenticationCode2, a.now()); err != nil {
		return fromMFA(err)
	}
	d.dev = &dev
	return nil
}

// DeactivateMFADeviceInput is DeactivateMFADevice's request.
type DeactivateMFADeviceInput struct {
	UserName     string
	SerialNumber string
}

// DeactivateMFADevice unbinds a device from its user; the device remains,
// unassigned.
func (a *Account) DeactivateMFADevice(in DeactivateMFADeviceInput) error {
	d, err := a.enabledDevice(in.UserName, in.SerialNumber)
	if err != nil {
		return err
	}
	dev := *d.dev
	if err := dev.Deactivate(d.dev.UserName()); err != nil {
		return fromMFA(err)
	}
	d.dev, d.root, d.owner = &dev, false, ""
	return nil
}

// DeleteVirtualMFADeviceInput is DeleteVirtualMFADevice's request.
type DeleteVirtualMFADeviceInput struct {
	SerialNumber string
}

// DeleteVirtualMFADevice deletes a device that is not enabled for anyone.
func (a *Account) DeleteVirtualMFADevice(in DeleteVirtualMFADeviceInput) error {
	d, err := a.lookupDevice(in.SerialNumber)
	if err != nil {
		return err
	}
	if d.enabled() {
		return errorf(ErrDeleteConflict, "MFA Device with serial number %s is enabled: deactivate it first.", in.SerialNumber)
	}
	delete(a.s.devices, fold(in.SerialNumber))
	return nil
}

// MFADevice is an MFA device enabled for a user.
type MFADevice struct {
	UserName     string
	SerialNumber string
	EnableDate   time.Time
}

// ListMFADevicesInput is ListMFADevices' request; "" is the root user.
type ListMFADevicesInput struct {
	UserName string
}

// ListMFADevicesOutput is ListMFADevices' response.
type ListMFADevicesOutput struct {
	MFADevices []MFADevice
}

// ListMFADevices lists the devices enabled for a user.
func (a *Account) ListMFADevices(in ListMFADevicesInput) (*ListMFADevicesOutput, error) {
	owner, name, err := a.mfaHolder(in.UserName)
	if err != nil {
		return nil, err
	}
	if owner.root {
		name = ""
	}
	out := &ListMFADevicesOutput{MFADevices: []MFADevice{}}
	for _, d := range a.userDevices(owner) {
		out.MFADevices = append(out.MFADevices, MFADevice{UserName: name, SerialNumber: d.dev.SerialNumber(), EnableDate: d.dev.EnableDate()})
	}
	return out, nil
}

// ListVirtualMFADevicesInput is ListVirtualMFADevices' request:
// AssignmentStatus Assigned, Unassigned or Any ("" is Any).
type ListVirtualMFADevicesInput struct {
	AssignmentStatus string
}

// ListVirtualMFADevicesOutput is ListVirtualMFADevices' response.
type ListVirtualMFADevicesOutput struct {
	VirtualMFADevices []VirtualMFADevice
}

// ListVirtualMFADevices lists the account's virtual MFA devices by serial
// number, with the user each is enabled for.
func (a *Account) ListVirtualMFADevices(in ListVirtualMFADevicesInput) (*ListVirtualMFADevicesOutput, error) {
	switch in.AssignmentStatus {
	case "", "Any", "Assigned", "Unassigned":
	default:
		var c checks
		c.add(in.AssignmentStatus, "assignmentStatus", "satisfy enum value set: [Assigned, Unassigned, Any]")
		return nil, c.err()
	}
	keys := make([]string, 0, len(a.s.devices))
	for k := range a.s.devices {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := &ListVirtualMFADevicesOutput{VirtualMFADevices: []VirtualMFADevice{}}
	for _, k := range keys {
		d := a.s.devices[k]
		if in.AssignmentStatus == "Assigned" && !d.enabled() || in.AssignmentStatus == "Unassigned" && d.enabled() {
			continue
		}
		v := VirtualMFADevice{SerialNumber: d.dev.SerialNumber()}
		if d.enabled() {
			t := d.dev.EnableDate()
			v.EnableDate = &t
			switch {
			case d.root:
				v.User = &User{UserName: "", UserId: a.s.id, Arn: a.RootARN(), Path: "/"}
			case a.s.users[d.owner] != nil:
				u := a.s.users[d.owner].out(false)
				v.User = &u
			}
		}
		out.VirtualMFADevices = append(out.VirtualMFADevices, v)
	}
	return out, nil
}

// CheckMFACodeInput is a code presented for a user's MFA device at sign-in
// or to STS.
type CheckMFACodeInput struct {
	UserName     string // "" for the root user
	SerialNumber string
	Code         string
}

// CheckMFACode verifies a code from a device enabled for the user, at the
// account's current time. A code is good once: the device remembers the
// last one it accepted (engine/mfa), so a successful check changes the
// device. InvalidAuthenticationCode when the code is wrong or replayed.
func (a *Account) CheckMFACode(in CheckMFACodeInput) error {
	d, err := a.enabledDevice(in.UserName, in.SerialNumber)
	if err != nil {
		return err
	}
	dev := *d.dev
	if err := dev.Verify(in.Code, a.now()); err != nil {
		return fromMFA(err)
	}
	d.dev = &dev
	return nil
}

// TagMFADeviceInput is TagMFADevice's request.
type TagMFADeviceInput struct {
	SerialNumber string
	Tags         []Tag
}

// TagMFADevice adds or replaces tags on a virtual MFA device; keys are
// case-sensitive.
func (a *Account) TagMFADevice(in TagMFADeviceInput) error {
	d, err := a.lookupDevice(in.SerialNumber)
	if err != nil {
		return err
	}
	tags, err := a.tagResource(d.tags, in.Tags, false, "MFADevice")
	if err != nil {
		return err
	}
	d.tags = tags
	return nil
}

// UntagMFADeviceInput is UntagMFADevice's request.
type UntagMFADeviceInput struct {
	SerialNumber string
	TagKeys      []string
}

// UntagMFADevice removes tags from a virtual MFA device.
func (a *Account) UntagMFADevice(in UntagMFADeviceInput) error {
	d, err := a.lookupDevice(in.SerialNumber)
	if err != nil {
		return err
	}
	if err := checkTagKeys(in.TagKeys, "tagKeys"); err != nil {
		return err
	}
	d.tags = removeTags(d.tags, in.TagKeys, false)
	return nil
}

// ListMFADeviceTagsInput is ListMFADeviceTags' request.
type ListMFADeviceTagsInput struct {
	SerialNumber string
}

// ListMFADeviceTags lists a virtual MFA device's tags.
func (a *Account) ListMFADeviceTags(in ListMFADeviceTagsInput) (*ListTagsOutput, error) {
	d, err := a.lookupDevice(in.SerialNumber)
	if err != nil {
		return nil, err
	}
	return &ListTagsOutput{Tags: append([]Tag{}, d.tags...)}, nil
}
