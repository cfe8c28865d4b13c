package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	xterm "github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/browser"
	"github.com/harkhq/hark/network"
)

func newLogin(e *env) *cobra.Command {
	var noBrowser, live bool
	var port int
	var service string
	cmd := &cobra.Command{
		Use:   "login [NAME] | login bluesky [NAME]",
		Short: "Sign the shop's X account in, check what it may do, and keep the keys in config.toml",
		Long: "Asks for the X app's API key and secret (or takes HARK_X_API_KEY and HARK_X_API_SECRET),\n" +
			"then for the account's access token and secret (the app's owner generates them on the app's\n" +
			"\"Keys and tokens\" page) or, without them, signs in with a PIN: it prints the address where\n" +
			"you authorize the app (and opens it in a browser when there is one) and asks for the PIN X\n" +
			"shows. It checks the account with X, and whether the app may read DMs, says what works and\n" +
			"what does not, and writes [credentials] in config.toml (or [accounts.NAME], for another of\n" +
			"the shop's accounts), readable by you alone. Secrets are never shown.\n\n" +
			"hark login bluesky [NAME] signs a Bluesky account in beside X's: its handle and an app\n" +
			"password (Bluesky → Settings → Privacy and security → App passwords, with direct messages\n" +
			"allowed), checked with Bluesky and written as [accounts.NAME] (NAME is bluesky by default).",
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := newPrompter(cmd.InOrStdin(), cmd.OutOrStdout())
			if len(args) > 0 && args[0] == config.Bluesky {
				name := config.Bluesky
				if len(args) == 2 {
					name = args[1]
				}
				return e.loginBluesky(cmd.Context(), name, service, in)
			}
			if len(args) == 2 {
				return fmt.Errorf("hark login takes one account name (or: hark login bluesky NAME), not %d words", len(args))
			}
			name := ""
			if len(args) == 1 {
				name = args[0]
			}
			if live {
				return e.loginLive(cmd.Context(), name, in, !noBrowser, port)
			}
			return e.login(cmd.Context(), name, in, !noBrowser)
		},
	}
	cmd.Flags().BoolVar(&noBrowser, "no-browser", false, "print the sign-in address without opening a browser")
	cmd.Flags().StringVar(&service, "service", "", "with bluesky: the account's PDS, when it is not Bluesky's own (https://bsky.social)")
	cmd.Flags().BoolVar(&live, "live", false, "sign the account in for X's push (OAuth 2.0): run after hark login; see the README's \"Live\"")
	cmd.Flags().IntVar(&port, "port", 0, "with --live: the loopback port of the callback URL registered in the app (X's default: 8976)")
	return cmd
}

// login runs the network's sign-in and writes what it got.
func (e *env) login(ctx context.Context, name string, in *prompter, openBrowser bool) error {
	if name != "" && !config.ValidAccountName(name) {
		return fmt.Errorf("account name %q: use letters, digits, - and _", name)
	}
	x, err := network.AdapterOf(network.X)
	if err != nil {
		return err
	}
	in.browser = openBrowser && hasBrowser(e.getenv)
	creds, err := x.SignIn(ctx, e.dial(e.cfg.APIBase, config.Credentials{}, nil), in)
	if err != nil {
		return err
	}
	if err := config.WriteCredentials(e.configPath, name, creds); err != nil {
		return fmt.Errorf("saving the keys in %s: %w", e.configPath, err)
	}
	in.Say(fmt.Sprintf("Saved in %s (readable by you alone). Run hark.", e.configPath))
	return nil
}

// loginBluesky signs a Bluesky account in (a handle and an app
// password) and writes it as [accounts.NAME].
func (e *env) loginBluesky(ctx context.Context, name, service string, in *prompter) error {
	if !config.ValidAccountName(name) {
		return fmt.Errorf("account name %q: use letters, digits, - and _", name)
	}
	adapter, err := network.AdapterOf(config.Bluesky)
	if err != nil {
		return err
	}
	creds, err := adapter.SignIn(ctx, network.Dial{Network: config.Bluesky, APIBase: service, Getenv: e.getenv}, in)
	if err != nil {
		return err
	}
	if err := config.WriteBlueskyAccount(e.configPath, name, creds); err != nil {
		return fmt.Errorf("saving the account in %s: %w", e.configPath, err)
	}
	in.Say(fmt.Sprintf("Saved as [accounts.%s] in %s (readable by you alone). Run hark: its Bluesky conversations join the inbox.", name, e.configPath))
	return nil
}

// loginLive signs an account that hark login signed in for the push: its
// network keeps the tokens beside config.toml.
func (e *env) loginLive(ctx context.Context, name string, in *prompter, openBrowser bool, port int) error {
	acct, ok := e.cfg.Account(name)
	if !ok {
		return fmt.Errorf("no account %q in %s: run hark login %s first", name, e.configPath, name)
	}
	adapter, err := network.AdapterOf(network.X)
	if err != nil {
		return err
	}
	signer, ok := adapter.(network.LiveSigner)
	if !ok {
		return fmt.Errorf("%s pushes nothing that needs a sign-in", network.TitleOf(network.X))
	}
	if port < 0 || port > 65535 {
		return fmt.Errorf("--port %d: use 1 to 65535", port)
	}
	in.browser = openBrowser && hasBrowser(e.getenv)
	if err := signer.SignInLive(ctx, e.dialAccount(name, e.cfg.APIBase, acct.Credentials, nil), in, port); err != nil {
		return err
	}
	in.Say("Run hark: X pushes the DMs and the shop's own posts from now on, unless [live] in config.toml turns them off.")
	return nil
}

// hasBrowser reports a desktop to open a browser on (not an ssh session
// on a server).
func hasBrowser(getenv func(string) string) bool {
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" || getenv("TERM_PROGRAM") == "Apple_Terminal" || getenv("TERM_PROGRAM") == "iTerm.app"
}

// prompter asks the person at the terminal for a network's sign-in (a
// network.Terminal): secrets without echo on a terminal, a line at a time
// otherwise (a script, a test).
type prompter struct {
	r   *bufio.Reader
	fd  uintptr
	tty bool
	out io.Writer
	// browser says a page to visit may be opened in a browser.
	browser bool
}

func newPrompter(in io.Reader, out io.Writer) *prompter {
	p := &prompter{r: bufio.NewReader(in), out: out}
	if f, ok := in.(*os.File); ok && xterm.IsTerminal(f.Fd()) {
		p.fd, p.tty = f.Fd(), true
	}
	return p
}

// Say writes a line.
func (p *prompter) Say(line string) { fmt.Fprintln(p.out, line) }

// Open opens url in a browser, when there is one and the person did not
// say --no-browser.
func (p *prompter) Open(url string) bool { return p.browser && browser.Open(url) == nil }

// Ask asks and reads one line.
func (p *prompter) Ask(prompt string) (string, error) {
	fmt.Fprint(p.out, prompt)
	s, err := p.r.ReadString('\n')
	if err != nil && (s == "" || !errors.Is(err, io.EOF)) {
		return "", errors.New("no answer: hark login asks on the terminal (nothing was saved)")
	}
	return strings.TrimSpace(s), nil
}

// Secret asks for a secret, not echoed on a terminal.
func (p *prompter) Secret(prompt string) (string, error) {
	if !p.tty {
		s, err := p.Ask(prompt)
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

// Yes asks a yes/no question, no by default.
func (p *prompter) Yes(prompt string) (bool, error) {
	s, err := p.Ask(prompt)
	return strings.HasPrefix(strings.ToLower(s), "y"), err
}
