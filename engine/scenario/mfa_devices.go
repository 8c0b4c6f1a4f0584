package scenario

import "strings"

// Virtual MFA devices by name or serial. w.devices maps a user to its
// newest device and a device name to its device, in one namespace: a
// device named like another user shadows that user's device. The
// statements here address a device without that ambiguity — mfa/NAME, or
// its serial arn:aws:iam::ACCOUNT:mfa/NAME — and remember each user's
// devices, oldest first, so that deleting the newest makes the one before
// it the user's device again.

// rememberDevice records a device the scenario created for an owner (the
// key keyOwner gives: account/user, or account/root).
func (w *world) rememberDevice(ownerKey string, d device) {
	st := w.credState()
	if st.mfa == nil {
		st.mfa, st.serials = map[string][]device{}, map[string]device{}
	}
	st.mfa[ownerKey] = append(st.mfa[ownerKey], d)
	st.serials[fold(d.serial)] = d
}

// newestDevice is the newest device the scenario made for an owner that
// still exists.
func (w *world) newestDevice(ownerKey string) (device, bool) {
	list := w.credState().mfa[ownerKey]
	if len(list) == 0 {
		return device{}, false
	}
	return list[len(list)-1], true
}

// ownerDevice is an owner's newest device (account/user or account/root),
// else the device w.devices has under that key.
func (w *world) ownerDevice(key string) (device, bool) {
	if d, ok := w.newestDevice(key); ok {
		return d, true
	}
	d, ok := w.devices[key]
	return d, ok
}

// deviceAccounts are the accounts a device name is looked up in: the
// actor's, then the current one.
func (w *world) deviceAccounts(a *actor) []string {
	if a != nil && a.account != w.current {
		return []string{a.account, w.current}
	}
	return []string{w.current}
}

// deviceRef resolves a device written as its serial (arn:…:mfa/NAME) or
// as mfa/NAME. ok is false for any other text.
func (w *world) deviceRef(a *actor, v *Value) (d device, ok bool, err error) {
	text := v.Text()
	var serials []string
	switch {
	case strings.HasPrefix(text, "arn:"):
		serials = []string{text}
	case strings.HasPrefix(text, "mfa/"):
		for _, acct := range w.deviceAccounts(a) {
			serials = append(serials, "arn:aws:iam::"+acct+":"+text)
		}
	default:
		return device{}, false, nil
	}
	for _, s := range serials {
		if d, found := w.credState().serials[fold(s)]; found {
			return d, true, nil
		}
	}
	return device{}, true, w.errAt(v, "no MFA device %s in this scenario", text)
}

// namedDevice resolves "device D" of an mfa statement: a device's name in
// the account, mfa/NAME or a serial. A serial the scenario does not know
// goes to IAM as written, which answers for it.
func (w *world) namedDevice(a *actor, v *Value) (device, error) {
	if d, ok, err := w.deviceRef(a, v); ok {
		if err != nil && strings.HasPrefix(v.Text(), "arn:") {
			return device{serial: v.Text()}, nil
		}
		return d, err
	}
	d, _, err := w.deviceRef(a, &Value{Pos: v.Pos, Raw: "mfa/" + v.Text()})
	return d, err
}

// clauseDevice resolves "with mfa device D": a device's name, mfa/NAME or
// a serial first; else, as totp, the newest device of a user named D.
func (w *world) clauseDevice(a *actor, v *Value) (device, error) {
	if d, err := w.namedDevice(a, v); err == nil {
		return d, nil
	}
	return w.deviceOf(a, v)
}

// mfaTarget is the device an mfa statement changes: the one named, or the
// owner's newest.
func (w *world) mfaTarget(a *actor, owner, named *Value) (device, error) {
	if named != nil {
		return w.namedDevice(a, named)
	}
	_, key, _ := w.keyOwner(a, owner)
	if d, ok := w.ownerDevice(key); ok {
		return d, nil
	}
	return device{}, w.errAt(owner, "%s has no MFA device in this scenario", owner.Text())
}

// forgetDevice drops a deleted device: totp and the mfa statements no
// longer find it, and its owner's device is its previous one, if any.
func (w *world) forgetDevice(serial string) {
	st := w.credState()
	delete(st.serials, fold(serial))
	for k, d := range w.devices {
		if d.serial == serial {
			delete(w.devices, k)
		}
	}
	for k, list := range st.mfa {
		kept := list[:0:0]
		for _, d := range list {
			if d.serial != serial {
				kept = append(kept, d)
			}
		}
		st.mfa[k] = kept
		if _, ok := w.devices[k]; !ok && len(kept) > 0 {
			w.devices[k] = kept[len(kept)-1]
		}
	}
}
