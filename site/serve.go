package site

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Handler serves a built site from dir. A request for a file that has a
// .gz copy beside it gets the copy when the browser accepts gzip; nothing
// is cached, so a rebuilt site shows at once.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		name := path.Clean(r.URL.Path)
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && !strings.HasSuffix(name, "/") {
			gz := filepath.Join(dir, filepath.FromSlash(name)) + ".gz"
			if st, err := os.Stat(gz); err == nil && !st.IsDir() {
				if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
					w.Header().Set("Content-Type", ct)
				}
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Set("Vary", "Accept-Encoding")
				http.ServeFile(w, r, gz)
				return
			}
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); os.IsNotExist(err) {
			if notFound, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				w.Write(notFound)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

// Reloader tells the pages open in browsers that the site was rebuilt,
// over server-sent events: [LiveHandler] serves them and adds to every
// page the script that listens. It is for iamlab site serve only; a built
// site has no such script.
type Reloader struct {
	mu      sync.Mutex
	clients map[chan reloadEvent]struct{}
	closed  bool
}

type reloadEvent struct{ name, data string }

// NewReloader returns a reloader with no page listening.
func NewReloader() *Reloader {
	return &Reloader{clients: map[chan reloadEvent]struct{}{}}
}

// Rebuilt tells every open page about a build: a good one reloads the
// pages; a failed one shows its errors over the last good build.
func (r *Reloader) Rebuilt(b Rebuild) {
	e := reloadEvent{name: "reload", data: "rebuilt"}
	if b.Err != nil {
		e = reloadEvent{name: "failed", data: b.Err.Error()}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for c := range r.clients {
		select {
		case c <- e:
		default: // a page that does not keep up misses the event
		}
	}
}

// Close ends every page's stream, so that a server can shut down.
func (r *Reloader) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	for c := range r.clients {
		close(c)
		delete(r.clients, c)
	}
}

// eventsPath is where pages listen, in serve mode.
const eventsPath = "/_iamlab/events"

// reloadScript listens for rebuilds: it reloads the page after a good
// one and shows the errors of a failed one.
const reloadScript = `<script>(function(){var s=new EventSource("` + eventsPath + `"),b;` +
	`s.addEventListener("reload",function(){location.reload()});` +
	`s.addEventListener("failed",function(e){if(!b){b=document.createElement("pre");b.setAttribute("role","alert");b.dataset.testid="rebuild-failed";` +
	`b.style.cssText="position:fixed;left:0;right:0;bottom:0;z-index:100;margin:0;max-height:40vh;overflow:auto;padding:0.8rem;background:#a4161a;color:#fff;font-size:0.85rem;white-space:pre-wrap";document.body.append(b)}` +
	`b.textContent="The site did not rebuild; this is the last good build.\n"+e.data})})()</script>`

func (r *Reloader) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan reloadEvent, 4)
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	r.clients[c] = struct{}{}
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		if _, ok := r.clients[c]; ok {
			delete(r.clients, c)
		}
		r.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	fmt.Fprint(w, ": listening for rebuilds\n\n")
	flusher.Flush()
	for {
		select {
		case <-req.Context().Done():
			return
		case e, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: %s\n", e.name)
			for _, l := range strings.Split(e.data, "\n") {
				fmt.Fprintf(w, "data: %s\n", l)
			}
			fmt.Fprint(w, "\n")
			flusher.Flush()
		}
	}
}

// notBuilt is the page served before the first good build.
const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not built yet · iamlab</title></head>` +
	`<body><main><h1>The site has not built yet</h1><p>iamlab site serve prints why; this page reloads once it builds.</p></main></body></html>`

// LiveHandler serves a built site as [Handler] does, and, for iamlab
// site serve, the reloader's events, with the script that listens to them
// added to every page.
func LiveHandler(dir string, r *Reloader) http.Handler {
	files := Handler(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == eventsPath {
			r.ServeHTTP(w, req)
			return
		}
		name := path.Clean(req.URL.Path)
		if strings.HasSuffix(req.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		if !strings.HasSuffix(name, ".html") {
			files.ServeHTTP(w, req)
			return
		}
		page, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		status := http.StatusOK
		if err != nil {
			status = http.StatusNotFound
			if page, err = os.ReadFile(filepath.Join(dir, "404.html")); err != nil {
				page = []byte(notBuilt)
			}
		}
		html := string(page)
		if i := strings.LastIndex(html, "</body>"); i >= 0 {
			html = html[:i] + reloadScript + html[i:]
		} else {
			html += reloadScript
		}
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		io.WriteString(w, html)
	})
}
