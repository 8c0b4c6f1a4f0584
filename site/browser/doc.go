//go:build browser

// Package browser holds the site's browser tests: they build the whole
// site (the course, the front end and the engine in WebAssembly), serve it
// on 127.0.0.1, and drive Debian's headless Chromium through chromedp.
//
// They run with the build tag browser (make browser, part of make test):
//
//	go test -tags browser ./site/browser
//
// Chromium is found through $IAMLAB_CHROMIUM or as chromium on the PATH;
// without it the tests fail, never skip. Screenshots and measurements go
// to $IAMLAB_SCREENSHOTS (default .screenshots/site at the module root).
package browser
