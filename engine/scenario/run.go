package scenario

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/cloud"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/federation"
)

// DefaultStart is the simulated clock's first instant, unless a scenario
// says otherwise with start: 2026-01-01T09:00:00Z.
func DefaultStart() time.Time { return time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC) }

// mfaStep is a TOTP code's time step.
const mfaStep = 30 * time.Second

// DefaultSeed seeds the simulation's randomness unless a scenario says
// otherwise with seed.
const DefaultSeed = 1

// Options configure a run.
type Options struct {
	// ReadFile reads a file a scenario names (file "…"), by the name
	// written in the scenario. Nil means no file can be read.
	ReadFile func(name string) ([]byte, error)
	// Plugin loads a condition-operator plugin (plugin NAME from "FILE")
	// given the module's bytes. Nil means plugins are not available, and
	// the statement fails.
	Plugin func(name string, module []byte) error
	// Operators are the plugin operators the scenario's policies may use:
	// the registry Plugin loads into. Nil means none.
	Operators condition.Operators
	// Parser parses the scenario in [RunSource]; nil builds one. A program
	// that runs many scenarios shares one.
	Parser *Parser
}

// Result counts what happened in a run.
type Result struct {
	// Statements is how many statements ran; Errors how many of them
	// failed outside an expect.
	Statements, Errors int
	// Expectations is how many expect statements ran; Failed how many of
	// them did not hold.
	Expectations, Failed int
	// Clock is the simulated clock when the run ended: the start time
	// when nothing moved it.
	Clock time.Time
	// Devices are the virtual MFA devices the run created, in order: what
	// an authenticator app would hold (the transcript shows each seed
	// once, too).
	Devices []MFADevice
}

// MFADevice is a virtual MFA device a scenario created.
type MFADevice struct {
	SerialNumber string // arn:aws:iam::ACCOUNT:mfa/NAME
	User         string // the user it was made for, as the scenario names it
	Seed         string // the Base32 seed
}

// OK reports whether every expectation held.
func (r Result) OK() bool { return r.Failed == 0 }

// Run runs a parsed scenario and writes its transcript to out. The run is
// deterministic: the same scenario (and files) give the same transcript,
// byte for byte. The error is only out's.
func Run(f *File, out io.Writer, opts Options) (Result, error) {
	w := newWorld(f.Name, opts)
	for _, l := range f.Lines {
		if l.Stmt == nil {
			continue
		}
		w.line = l
		w.printf("> %s\n", Source(l.Stmt))
		w.res.Statements++
		o := w.exec(l.Stmt, nil)
		if o.err != nil {
			if _, expected := l.Stmt.(*Expect); !expected {
				w.res.Errors++
			}
		}
	}
	w.printf("== %s (%d failed); %s: %d met, %d failed\n",
		count(w.res.Statements, "statement"), w.res.Errors, count(w.res.Expectations, "expectation"), w.res.Expectations-w.res.Failed, w.res.Failed)
	w.res.Clock = w.now
	if w.cloud == nil {
		w.res.Clock = w.start
	}
	_, err := io.WriteString(out, w.out.String())
	return w.res, err
}

// RunSource parses and runs a scenario. A scenario that does not parse is
// not run: the errors are returned (an [ErrorList]) and nothing is
// written.
func RunSource(filename string, src []byte, out io.Writer, opts Options) (Result, error) {
	p := opts.Parser
	if p == nil {
		var err error
		if p, err = NewParser(); err != nil {
			return Result{}, err
		}
	}
	f, err := p.Parse(filename, src)
	if err != nil {
		return Result{}, err
	}
	return Run(f, out, opts)
}

// outcome is what a statement did: its error, and the decision behind it
// when there was one.
type outcome struct {
	err     error
	result  *cloud.Result
	request bool // a request's decision, not an operation's authorization
}

// actor is who runs a statement, and where.
type actor struct {
	creds   cloud.Credentials
	account string // the principal's account
	user    string // the IAM user's name; "" for root and sessions
	root    bool
	// operator is the scenario's operator, who runs the statements
	// without "as": IAM changes go straight to the control plane.
	operator bool
	name     string // as written
	region   string
}

// keyInfo is an access key the scenario created.
type keyInfo struct {
	creds cloud.Credentials
}

// sessionInfo is a set of temporary credentials the scenario holds.
type sessionInfo struct {
	creds   cloud.Credentials
	account string
	arn     string
}

// device is a virtual MFA device the scenario created: what the
// authenticator app holds.
type device struct {
	serial string
	secret []byte
}

// orgPolicy is an SCP or RCP the scenario created.
type orgPolicy struct {
	id, kind string
}

// world is the state of a run.
type world struct {
	opts Options
	file string
	line *Line
	out  strings.Builder
	res  Result

	// Settings, fixed when the cloud is made.
	start        time.Time
	seed         uint64
	propagation  time.Duration
	propagations map[string]time.Duration

	now     time.Time
	cloud   *cloud.Cloud
	region  string
	current string // the current account's ID

	aliases map[string]string // alias → account ID
	// rootCreds are the operator's root credentials of each account
	// (cloud.OperatorCredentials), by account ID.
	rootCreds   map[string]cloud.Credentials
	keys        map[string][]keyInfo // account/user (folded) → keys, oldest first
	sessions    map[string]sessionInfo
	devices     map[string]device // account/user or account/device-name (folded)
	ous         map[string]string // OU name → ID
	orgPolicies map[string]orgPolicy
	policies    map[string]string // account/policy name (folded) → ARN
	oidc        map[string]*federation.Issuer
	saml        map[string]*federation.SAMLIdP
	tokens      map[string]string
	assertions  map[string]string
	providers   map[string]string // account/SAML provider name → ARN
	creds       *credentialState  // SSH keys and certificates (credentials_stmt.go)
	last        *cloud.Result
}

func newWorld(file string, opts Options) *world {
	return &world{opts: opts, file: file, start: DefaultStart(), seed: DefaultSeed, region: "us-east-1",
		propagations: map[string]time.Duration{}, aliases: map[string]string{}, rootCreds: map[string]cloud.Credentials{},
		keys: map[string][]keyInfo{}, sessions: map[string]sessionInfo{}, devices: map[string]device{}, ous: map[string]string{},
		orgPolicies: map[string]orgPolicy{}, policies: map[string]string{}, oidc: map[string]*federation.Issuer{},
		saml: map[string]*federation.SAMLIdP{}, tokens: map[string]string{}, assertions: map[string]string{}, providers: map[string]string{}}
}

func (w *world) printf(format string, args ...any) { fmt.Fprintf(&w.out, format, args...) }

// say prints a line of a statement's result.
func (w *world) say(format string, args ...any) {
	w.out.WriteString("  ")
	fmt.Fprintf(&w.out, format, args...)
	w.out.WriteByte('\n')
}

// scenarioError is a mistake in the scenario itself (an unknown name, a
// bad value), as opposed to an AWS error.
type scenarioError struct {
	pos Pos
	msg string
}

func (e *scenarioError) Error() string {
	if e.pos.Line == 0 {
		return e.msg
	}
	return e.pos.String() + ": " + e.msg
}

func (w *world) errAt(v *Value, format string, args ...any) error {
	e := &scenarioError{msg: fmt.Sprintf(format, args...)}
	if v != nil {
		e.pos = Pos(v.Pos)
	} else if w.line != nil {
		e.pos = Pos(w.line.Pos)
	}
	return e
}

// fail prints an error and returns it as the outcome.
func (w *world) fail(err error) outcome {
	w.report(err)
	return outcome{err: err}
}

// isCode reports whether s looks like an AWS error code: AccessDenied,
// InvalidClientTokenId, InvalidInstanceID.NotFound.
func isCode(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.') {
			return false
		}
	}
	return true
}

// codeOf returns an AWS error's code: every engine error reads "Code:
// Message". Mistakes of the scenario have none.
func codeOf(err error) string {
	var se *scenarioError
	if err == nil || errors.As(err, &se) {
		return ""
	}
	code, _, ok := strings.Cut(err.Error(), ": ")
	if ok && isCode(code) {
		return code
	}
	return ""
}

func (w *world) report(err error) {
	if codeOf(err) != "" {
		w.say("error %s", err.Error())
	} else {
		w.say("error: %s", err.Error())
	}
}

// ensureCloud makes the cloud when a statement first needs it.
func (w *world) ensureCloud() error {
	if w.cloud != nil {
		return nil
	}
	w.now = w.start
	var seed [32]byte
	binary.LittleEndian.PutUint64(seed[:], w.seed)
	c, err := cloud.New(cloud.Config{
		Now:          func() time.Time { return w.now },
		Rand:         rand.NewChaCha8(seed),
		Propagation:  w.propagation,
		Propagations: w.propagations,
		Operators:    w.opts.Operators,
		// Managed session policies may name any AWS managed policy.
		AWSManagedPolicy: awsManagedPolicy,
	})
	if err != nil {
		return err
	}
	w.cloud = c
	return nil
}

// randFor is a source of randomness of its own for a named thing (an
// identity provider's keys), so that adding one does not change the IDs
// of everything after it.
func (w *world) randFor(name string) *rand.ChaCha8 {
	h := sha256.New()
	binary.Write(h, binary.LittleEndian, w.seed)
	h.Write([]byte(name))
	var seed [32]byte
	copy(seed[:], h.Sum(nil))
	return rand.NewChaCha8(seed)
}

// exec runs one statement, as a (nil: the current account's root user).
func (w *world) exec(s Statement, a *actor) outcome {
	switch s := s.(type) {
	case *Start, *Seed, *Propagation:
		return w.setting(s)
	}
	if err := w.ensureCloud(); err != nil {
		return w.fail(err)
	}
	switch s := s.(type) {
	case *Expect:
		return w.expect(s)
	case *Explain:
		return w.explain(s)
	case *As:
		return w.as(s)
	case *Region:
		return w.setRegion(s)
	case *Clock:
		return w.clock(s)
	case *Account:
		return w.account(s)
	case *Use:
		return w.use(s)
	case *Organization:
		return w.organization()
	case *OU:
		return w.ou(s)
	case *Move:
		return w.move(s)
	case *OrgPolicy:
		return w.orgPolicy(s)
	case *Partition:
		return w.partition(s)
	case *Heal:
		return w.heal(s)
	case *Status:
		return w.status()
	case *Resource:
		return w.resource(s)
	case *IdP:
		return w.idp(s)
	case *Token:
		return w.token(s)
	case *Assertion:
		return w.assertion(s)
	case *STS:
		return w.sts(s)
	case *Quota:
		return w.quota(s)
	case *Plugin:
		return w.plugin(s)
	case *Import:
		return w.importSnapshot(s)
	case *SignIn:
		return w.signIn(s)
	}
	// What remains is done by a principal: the root user unless "as".
	if a == nil {
		var err error
		if a, err = w.defaultActor(); err != nil {
			return w.fail(err)
		}
	}
	switch s := s.(type) {
	case *User:
		return w.user(a, s)
	case *Group:
		return w.group(a, s)
	case *Role:
		return w.role(a, s)
	case *Policy:
		return w.policy(a, s)
	case *Inline:
		return w.inline(a, s)
	case *Attach:
		return w.attach(a, s.Policy, s.Target, true)
	case *Detach:
		return w.attach(a, s.Policy, s.Target, false)
	case *Boundary:
		return w.boundary(a, s)
	case *Membership:
		return w.membership(a, s)
	case *Key:
		return w.key(a, s)
	case *Login:
		return w.login(a, s)
	case *PasswordPolicy:
		return w.passwordPolicy(a, s)
	case *MFA:
		return w.mfa(a, s)
	case *TagEntity:
		return w.tag(a, s)
	case *Trust:
		return w.trust(a, s)
	case *Delete:
		return w.delete(a, s)
	case *Profile:
		return w.profile(a, s)
	case *Provider:
		return w.provider(a, s)
	case *Revoke:
		return w.revoke(a, s)
	case *Assume:
		return w.assume(a, s)
	case *GetSessionToken:
		return w.getSessionToken(a, s)
	case *GetFederationToken:
		return w.getFederationToken(a, s)
	case *GetCallerIdentity:
		return w.getCallerIdentity(a)
	case *Launch:
		return w.launch(a, s)
	}
	if o, ok := w.credentialStmt(a, s); ok {
		return o
	}
	return w.fail(w.errAt(nil, "this statement cannot run here"))
}

// setting changes a setting of the simulation, before it starts.
func (w *world) setting(s Statement) outcome {
	if w.cloud != nil {
		return w.fail(w.errAt(nil, "start, seed and propagation set up the simulation: they come before every other statement"))
	}
	switch s := s.(type) {
	case *Start:
		t, err := time.Parse(time.RFC3339, s.At.Text())
		if err != nil {
			return w.fail(w.errAt(s.At, "%q is not an RFC 3339 time such as 2026-01-01T09:00:00Z", s.At.Text()))
		}
		w.start = t.UTC()
		w.say("the clock starts at %s", w.start.Format(time.RFC3339))
	case *Seed:
		n, err := strconv.ParseUint(s.N.Text(), 10, 64)
		if err != nil {
			return w.fail(w.errAt(s.N, "the seed is a whole number, not %q", s.N.Text()))
		}
		w.seed = n
		w.say("randomness seeded with %d", n)
	case *Propagation:
		d, err := duration(s.Delay)
		if err != nil {
			return w.fail(err)
		}
		if s.Region != nil {
			w.propagations[s.Region.Text()] = d
			w.say("IAM changes reach %s after %s", s.Region.Text(), d)
		} else {
			w.propagation = d
			w.say("IAM changes reach the regions after %s", d)
		}
	}
	return outcome{}
}

// duration reads a Go duration, with an optional leading +.
func duration(v *Value) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimPrefix(v.Text(), "+"))
	if err != nil || d < 0 {
		return 0, &scenarioError{pos: Pos(v.Pos), msg: fmt.Sprintf("%q is not a duration such as 30s, 15m or 1h30m", v.Text())}
	}
	return d, nil
}

// seconds reads a duration for an API's DurationSeconds: 3600, 3600s or 1h.
func seconds(v *Value) (int, error) {
	if n, err := strconv.Atoi(v.Text()); err == nil {
		return n, nil
	}
	d, err := duration(v)
	if err != nil {
		return 0, err
	}
	return int(d / time.Second), nil
}

func (w *world) setRegion(s *Region) outcome {
	name := s.Name.Text()
	if !w.knownRegion(name) {
		return w.fail(w.errAt(s.Name, "unknown region %q (known: %s)", name, w.regionNames()))
	}
	w.region = name
	w.say("requests go to %s", name)
	return outcome{}
}

func (w *world) knownRegion(name string) bool {
	for _, r := range w.cloud.Regions() {
		if r.Name == name {
			return true
		}
	}
	return false
}

func (w *world) regionNames() string {
	var names []string
	for _, r := range w.cloud.Regions() {
		names = append(names, r.Name)
	}
	return strings.Join(names, ", ")
}

func (w *world) clock(s *Clock) outcome {
	text := s.To.Text()
	if strings.HasPrefix(text, "+") {
		d, err := duration(s.To)
		if err != nil {
			return w.fail(err)
		}
		w.now = w.now.Add(d)
	} else {
		t, err := time.Parse(time.RFC3339, text)
		if err != nil {
			return w.fail(w.errAt(s.To, "clock takes +DURATION (+30s, +1h) or an RFC 3339 time, not %q", text))
		}
		if t.Before(w.now) {
			return w.fail(w.errAt(s.To, "the clock cannot go back: it is already %s", w.now.Format(time.RFC3339)))
		}
		w.now = t.UTC()
	}
	w.say("it is now %s", w.now.Format(time.RFC3339))
	return outcome{}
}

// expect runs a statement and checks its outcome.
func (w *world) expect(s *Expect) outcome {
	w.res.Expectations++
	o := w.exec(s.Stmt, nil)
	want := s.Outcome
	if s.Code != nil {
		want = "error " + s.Code.Text()
	}
	got := "ok"
	switch {
	case o.err != nil:
		got = "error " + codeOf(o.err)
		if codeOf(o.err) == "" {
			got = "an error in the scenario (above)"
		}
	case o.request && o.result != nil:
		got = o.result.Decision.String()
	}
	held := false
	code := codeOf(o.err)
	switch want {
	case "ok":
		held = o.err == nil
	case "allow":
		held = o.err == nil && (!o.request || o.result != nil && o.result.Decision == eval.Allowed)
	case "deny":
		if o.request {
			held = o.err == nil && o.result != nil && o.result.Decision != eval.Allowed
		} else {
			held = code == "AccessDenied"
		}
	case "implicitDeny", "explicitDeny":
		if o.result != nil && o.result.Decision.String() == want && (o.request && o.err == nil || !o.request && code == "AccessDenied") {
			held = true
		}
		if !o.request && o.result != nil && code == "AccessDenied" {
			got = "error AccessDenied (" + o.result.Decision.String() + ")"
		}
	default:
		held = o.err != nil && code == s.Code.Text()
	}
	if held {
		w.say("expect %s: ok", want)
		return outcome{result: o.result, request: o.request}
	}
	w.res.Failed++
	w.say("expect %s: FAILED at %s: got %s", want, Pos(w.line.Pos), got)
	return outcome{err: &scenarioError{pos: Pos(w.line.Pos), msg: "expected " + want + ", got " + got}, result: o.result, request: o.request}
}

// explain prints the trace of a statement's decision, or of the last one.
func (w *world) explain(s *Explain) outcome {
	o := outcome{result: w.last}
	if s.Stmt != nil {
		w.last = nil
		o = w.exec(s.Stmt, nil)
		o.result = w.last
	}
	if o.result == nil || o.result.Explanation == nil {
		if s.Stmt == nil {
			return w.fail(w.errAt(nil, "nothing to explain yet: explain follows a request or an operation that was authorized"))
		}
		w.say("(no decision to explain: the request was refused before authorization)")
		return o
	}
	var b strings.Builder
	o.result.Explanation.WriteText(&b)
	for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		w.say("| %s", line)
	}
	return o
}

// reason is a decision's summary without the request it repeats.
func reason(r *cloud.Result, action, resource string) string {
	e := r.Explanation
	if e == nil {
		return ""
	}
	return strings.TrimPrefix(e.Summary, action+" on "+resource+": "+e.Decision.String()+": ")
}

// count is n with its noun, singular for one: "1 statement", "2 statements".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
