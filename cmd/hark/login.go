package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	xterm "github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/browser"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/twitter"
)

func newLogin(e *env) *cobra.Command {
	var noBrowser bool
	cmd := &cobra.Command{
		Use:   "login [NAME]",
		Short: "Sign the shop's X account in, check what it may do, and keep the keys in config.toml",
		Long: "Asks for the X app's API key and secret (or takes HARK_X_API_KEY and HARK_X_API_SECRET),\n" +
			"then for the account's access token and secret (the app's owner generates them on the app's\n" +
			"\"Keys and tokens\" page) or, without them, signs in with a PIN: it prints the address where\n" +
			"you authorize the app (and opens it in a browser when there is one) and asks for the PIN X\n" +
			"shows. It checks the account with X, and whether the app may read DMs, says what works and\n" +
			"what does not, and writes [credentials] in config.toml (or [accounts.NAME], for another of\n" +
			"the shop's accounts), readable by you alone. Secrets are never shown.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := newPrompter(cmd.InOrStdin(), cmd.OutOrStdout())
			name := ""
			if len(args) == 1 {
				name = args[0]
			}
			return e.login(cmd.Context(), name, in, cmd.OutOrStdout(), !noBrowser)
		},
	}
	cmd.Flags().BoolVar(&noBrowser, "no-browser", false, "print the sign-in address without opening a browser")
	return cmd
}

// login runs the sign-in and writes what it got.
func (e *env) login(ctx context.Context, name string, in *prompter, out io.Writer, openBrowser bool) error {
	if name != "" && !config.ValidAccountName(name) {
		return fmt.Errorf("account name %q: use letters, digits, - and _", name)
	}
	app, err := e.appKeys(in, out)
	if err != nil {
		return err
	}
	creds, err := e.accountKeys(ctx, app, in, out, openBrowser)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "Checking with X…")
	client, err := twitter.New(twitter.Options{APIBase: e.cfg.APIBase, Credentials: creds, NotAppOwner: e.cfg.NotAppOwner})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	me, err := client.Me(ctx)
	if err != nil {
		return fmt.Errorf("X refused the account's keys: %w (nothing was saved)", err)
	}
	fmt.Fprintf(out, "✓ signed in as @%s (%s)\n✓ mentions, brand searches and replies\n", me.Username, me.Name)
	fmt.Fprintln(out, dmLine(client.DMEvents(ctx, network.DMQuery{Max: 1})))
	if err := config.WriteCredentials(e.configPath, name, creds); err != nil {
		return fmt.Errorf("saving the keys in %s: %w", e.configPath, err)
	}
	fmt.Fprintf(out, "Saved in %s (readable by you alone). Run hark.\n", e.configPath)
	return nil
}

// dmLine says whether DMs work, from a one-event read of them.
func dmLine(_ network.Page, err error) string {
	switch {
	case err == nil:
		return "✓ DMs: reading and sending"
	case errors.Is(err, twitter.ErrNoDMPermission):
		return "✗ DMs: " + twitter.ErrNoDMPermission.Error()
	}
	return "? DMs: could not be checked: " + err.Error()
}

// appKeys are the app's key and secret: from the environment, or asked.
func (e *env) appKeys(in *prompter, out io.Writer) (twitter.App, error) {
	app := twitter.App{APIKey: e.getenv("HARK_X_API_KEY"), APISecret: e.getenv("HARK_X_API_SECRET")}
	if app.APIKey != "" && app.APISecret != "" {
		fmt.Fprintln(out, "Using the app's key and secret from HARK_X_API_KEY and HARK_X_API_SECRET.")
		return app, nil
	}
	fmt.Fprintln(out, "Your X developer app's keys are on its \"Keys and tokens\" page (developer.x.com).")
	var err error
	if app.APIKey, err = in.secret("API key: "); err != nil {
		return app, err
	}
	app.APISecret, err = in.secret("API key secret: ")
	return app, err
}

// accountKeys are the account's access token and secret: typed in, or
// got with a PIN.
func (e *env) accountKeys(ctx context.Context, app twitter.App, in *prompter, out io.Writer, openBrowser bool) (twitter.Credentials, error) {
	creds := twitter.Credentials{APIKey: app.APIKey, APIKeySecret: app.APISecret}
	has, err := in.yes("Do you have the account's access token and secret (the app's owner can generate them there)? [y/N] ")
	if err != nil {
		return creds, err
	}
	if has {
		if creds.AccessToken, err = in.secret("Access token: "); err != nil {
			return creds, err
		}
		creds.AccessSecret, err = in.secret("Access token secret: ")
		return creds, err
	}
	login := twitter.Login{App: app, APIBase: e.cfg.APIBase}
	pending, err := login.Start(ctx)
	var apiErr *twitter.APIError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized {
		return creds, errors.New("X refused the app's API key and secret (401): copy them again from the app's \"Keys and tokens\" page")
	}
	if err != nil {
		return creds, err
	}
	fmt.Fprintf(out, "Open this address, sign in to X as the shop's account, and authorize the app:\n  %s\n", pending.AuthorizeURL)
	if openBrowser && hasBrowser(e.getenv) && browser.Open(pending.AuthorizeURL) == nil {
		fmt.Fprintln(out, "(opened in your browser)")
	}
	pin, err := in.line("PIN X shows: ")
	if err != nil {
		return creds, err
	}
	creds, _, err = login.Finish(ctx, pending, pin)
	return creds, err
}

// hasBrowser reports a desktop to open a browser on (not an ssh session
// on a server).
func hasBrowser(getenv func(string) string) bool {
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" || getenv("TERM_PROGRAM") == "Apple_Terminal" || getenv("TERM_PROGRAM") == "iTerm.app"
}

// prompter asks the person at the terminal: secrets without echo on a
// terminal, a line at a time otherwise (a script, a test).
type prompter struct {
	r   *bufio.Reader
	fd  uintptr
	tty bool
	out io.Writer
}

func newPrompter(in io.Reader, out io.Writer) *prompter {
	p := &prompter{r: bufio.NewReader(in), out: out}
	if f, ok := in.(*os.File); ok && xterm.IsTerminal(f.Fd()) {
		p.fd, p.tty = f.Fd(), true
	}
	return p
}

// line asks and reads one line.
func (p *prompter) line(prompt string) (string, error) {
	fmt.Fprint(p.out, prompt)
	s, err := p.r.ReadString('\n')
	if err != nil && (s == "" || !errors.Is(err, io.EOF)) {
		return "", errors.New("no answer: hark login asks on the terminal (nothing was saved)")
	}
	return strings.TrimSpace(s), nil
}

// secret asks for a secret, not echoed on a terminal.
func (p *prompter) secret(prompt string) (string, error) {
	if !p.tty {
		s, err := p.line(prompt)
		fmt.Fprintln(p.out)
		return s, err
	}
	fmt.Fprint(p.out, prompt)
	b, err := xterm.ReadPassword(p.fd)
	fmt.Fprintln(p.out)
	if err != nil {
		return "", err
	}
	if s := strings.TrimSpace(string(b)); s != "" {
		return s, nil
	}
	return "", errors.New("nothing typed (nothing was saved)")
}

// yes asks a yes/no question, no by default.
func (p *prompter) yes(prompt string) (bool, error) {
	s, err := p.line(prompt)
	return strings.HasPrefix(strings.ToLower(s), "y"), err
}
