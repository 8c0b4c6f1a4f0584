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
	"time"

	"github.com/iamlab/iamlab/site"
)

const siteUsage = `iamlab site build [--content DIR] [--out DIR] [--web DIR] [--module DIR] [--no-engine]
iamlab site serve [same flags] [--addr 127.0.0.1:8080]

build turns the Markdown course into a static site; serve builds it, then
serves it on the address until interrupted.`

func runSite(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "build" && args[0] != "serve") {
		fmt.Fprintln(stderr, "usage: "+siteUsage)
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
	g, err := site.New(opts...)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab site: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := g.Build(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab site: %v\n", err)
		return exitError
	}
	for _, a := range rep.Assets {
		fmt.Fprintf(stdout, "  %-22s %9d bytes, %9d gzip\n", a.Path, a.Size, a.Gzip)
	}
	fmt.Fprintf(stdout, "built %d pages into %s in %s\n", rep.Pages, rep.Output, rep.Duration.Round(time.Millisecond))
	if verb == "build" {
		return exitOK
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab site serve: %v\n", err)
		return exitError
	}
	srv := &http.Server{Handler: site.Handler(*out), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "Serving the site at http://%s/ (playground: http://%s/playground/); Ctrl-C stops.\n", ln.Addr(), ln.Addr())
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "iamlab site serve: %v\n", err)
		return exitError
	}
	return exitOK
}
