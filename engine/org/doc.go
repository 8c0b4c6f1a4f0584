// Package org models an AWS Organizations organization as far as
// authorization needs it. (Work in progress: the full description follows.)
package org
