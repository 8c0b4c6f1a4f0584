package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/iamlab/iamlab/site"
)

const siteUsage = `iamlab site build [--content DIR] [--out DIR] [--web DIR] [--module DIR] [--no-engine]
iamlab site serve [same flags] [--addr 127.0.0.1:8080] [--poll 500ms]

build turns the Markdown course into a static site; serve builds it, then
serves it on the address until interrupted, rebuilding it when a page, a
template or the front end changes and reloading the pages open in browsers.`

func runSite(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "build" && args[0] != "serve") {
		printUsage(stderr, siteUsage)
		return exitUsage
	}
	verb := args[0]
	fs := flag.NewFlagSet("site "+verb, flag.ContinueOnError)
	fs.SetOutput(stderr)
	content := fs.String("content", "content", "the folder of Markdown pages")
	out := fs.String("out", "public", "the folder to write the site to (replaced)")
	web := fs.String("web", "site/web", "the front end (TypeScript, package-lock.json); empty: none")
	module := fs.String("module", ".", "iamlab's module root, to compile the engine for the browser")
	noEngine := fs.Bool("no-engine", false, "do not compile the engine (the playground will not run)")
	addr := fs.String("addr", "127.0.0.1:8080", "serve: the address to listen on")
	poll := fs.Duration("poll", 500*time.Millisecond, "serve: how often to look for changed sources")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
		return exitUsage
	}
	opts := []site.Option{site.WithContent(*content), site.WithOutput(*out), site.WithLog(stderr)}
	if *web != "" {
		opts = append(opts, site.WithFrontEnd(*web))
	}
	if !*noEngine {
		opts = append(opts, site.WithEngine(*module))
	}
	if verb == "serve" {
		// Templates from the module's folder, so that editing one rebuilds.
		if tmpl := filepath.Join(*module, "site", "templates"); fileExists(filepath.Join(tmpl, "base.html")) {
			opts = append(opts, site.WithTemplates(tmpl))
		}
	}
	g, err := site.New(opts...)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab site: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if verb == "serve" {
		return serveSite(ctx, g, *out, *addr, *poll, stdout, stderr)
	}
	rep, err := g.Build(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab site: %v\n", err)
		return exitError
	}
	printReport(stdout, rep)
	return exitOK
}

func printReport(stdout io.Writer, rep *site.Report) {
	for _, a := range rep.Assets {
		fmt.Fprintf(stdout, "  %-22s %9d bytes, %9d gzip\n", a.Path, a.Size, a.Gzip)
	}
	fmt.Fprintf(stdout, "built %s into %s in %s\n", plural(rep.Pages, "page"), rep.Output, rep.Duration.Round(time.Millisecond))
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// serveSite builds the site, serves it, and rebuilds it when its sources
// change, printing one line per rebuild (and its errors); the pages open
// in browsers reload after each good rebuild.
func serveSite(ctx context.Context, g *site.Generator, out, addr string, poll time.Duration, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	reload := site.NewReloader()
	first := make(chan error, 1)
	watched := make(chan error, 1)
	go func() {
		watched <- g.Watch(ctx, poll, func(b site.Rebuild) {
			if b.First {
				if b.Err == nil {
					printReport(stdout, b.Report)
				}
				first <- b.Err
				return
			}
			fmt.Fprintln(stdout, time.Now().Format("15:04:05"), b.String())
			reload.Rebuilt(b)
		})
	}()
	if err := <-first; err != nil {
		// Keep serving what the output folder holds (a build of an earlier
		// run, or nothing), and rebuild once the sources are fixed.
		fmt.Fprintf(stderr, "iamlab site: the site did not build; serving what %s holds until it does:\n%v\n", out, err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab site serve: %v\n", err)
		return exitError
	}
	srv := &http.Server{Handler: site.LiveHandler(out, reload), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "Serving the site at http://%s/ (playground: http://%s/playground/); it rebuilds when content/, site/templates or site/web change. Ctrl-C stops.\n", ln.Addr(), ln.Addr())
	go func() {
		<-ctx.Done()
		reload.Close()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "iamlab site serve: %v\n", err)
		return exitError
	}
	cancel()
	<-watched
	return exitOK
}
