package jsplugin

import "errors"

// ErrUnavailable is the error of an operator only declared here: the
// plugin runs in the page's plugin worker. Every other failure of a plugin
// is an [abi.Error] wrapping one of package abi's kinds (abi.ErrTrap,
// abi.ErrDeadline …), the same errors as the CLI's host.
var ErrUnavailable = errors.New("the plugin does not run here")
