// Package styles holds every Lip Gloss style hark draws with.
package styles

import (
	"image/color"

	"github.com/harkhq/hark/report/render"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles are hark's styles, built once.
type Styles struct {
	Title    lipgloss.Style
	TitleDim lipgloss.Style

	// Inbox rows.
	Row         lipgloss.Style
	RowSelected lipgloss.Style
	// RowCursorBlur is the cursor's row while another pane has the keys.
	RowCursorBlur lipgloss.Style
	RowUnread     lipgloss.Style
	Handle        lipgloss.Style
	Age           lipgloss.Style
	UnreadDot     lipgloss.Style
	Empty         lipgloss.Style

	// Thread.
	PostHeader lipgloss.Style
	PostTime   lipgloss.Style
	PostText   lipgloss.Style
	OwnHeader  lipgloss.Style
	OwnText    lipgloss.Style

	// Composer.
	ComposerTitle lipgloss.Style
	Counter       lipgloss.Style
	CounterWarn   lipgloss.Style
	CounterOver   lipgloss.Style
	Overflow      lipgloss.Style
	Error         lipgloss.Style

	// Status bar.
	Status      lipgloss.Style
	StatusSync  lipgloss.Style
	StatusWarn  lipgloss.Style
	StatusError lipgloss.Style

	// Triage.
	PromptLabel lipgloss.Style
	Tab         lipgloss.Style
	TabActive   lipgloss.Style
	Tag         lipgloss.Style
	Marked      lipgloss.Style
	Woken       lipgloss.Style
	Note        lipgloss.Style
	Hint        lipgloss.Style
	Notice      lipgloss.Style
	Section     lipgloss.Style
	Mark        lipgloss.Style

	// Accounts and StatusAccounts colour the shop's accounts on rows and
	// on the status bar (see Account).
	Accounts, StatusAccounts []lipgloss.Style
	// Networks colour the networks' marks, by name (see Network).
	Networks map[string]lipgloss.Style

	HelpBox lipgloss.Style
	// Help styles the key help; Textarea the composer's editor.
	Help     help.Styles
	Textarea textarea.Styles
	Input    textinput.Styles
	// Report colours the service report's page and charts.
	Report render.Styles
}

// Account is the style of the shop's ith account (from 0, in config's
// order) on a row, and on the status bar when bar.
func (s *Styles) Account(i int, bar bool) lipgloss.Style {
	list := s.Accounts
	if bar {
		list = s.StatusAccounts
	}
	if len(list) == 0 || i <= 0 {
		if bar {
			return s.Status
		}
		return s.Handle
	}
	return list[(i-1)%len(list)]
}

// Network is the style of a network's mark: its theme colour, or muted.
func (s *Styles) Network(name string) lipgloss.Style {
	if st, ok := s.Networks[name]; ok {
		return st
	}
	return s.Age
}

func networkStyles(cs map[string]color.Color, s func() lipgloss.Style) map[string]lipgloss.Style {
	out := make(map[string]lipgloss.Style, len(cs))
	for name, c := range cs {
		out[name] = s().Foreground(c).Bold(true)
	}
	return out
}

func accountStyles(cs []color.Color, style func(color.Color) lipgloss.Style) []lipgloss.Style {
	out := make([]lipgloss.Style, len(cs))
	for i, c := range cs {
		out[i] = style(c)
	}
	return out
}

// Default returns hark's styles in its default theme, dark.
func Default() *Styles {
	t, err := LoadTheme("dark", "")
	if err != nil {
		panic(err) // the shipped theme is part of the program
	}
	return FromTheme(t)
}

// FromTheme builds every style from a theme's colours.
func FromTheme(t Theme) *Styles {
	accent, muted, green, amber, red, bar, light, ink := t.Accent, t.Muted, t.Good, t.Warn, t.Bad, t.Bar, t.BarText, t.MarkText
	s := lipgloss.NewStyle
	return &Styles{
		Title:    s().Bold(true).Foreground(accent),
		TitleDim: s().Foreground(muted),

		Row:           s(),
		RowSelected:   s().Reverse(true),
		RowCursorBlur: s().Bold(true).Foreground(accent),
		RowUnread:     s().Bold(true),
		Handle:        s().Foreground(accent),
		Age:           s().Foreground(muted),
		UnreadDot:     s().Foreground(accent).Bold(true),
		Empty:         s().Foreground(muted).Italic(true),

		PostHeader: s().Bold(true).Foreground(accent),
		PostTime:   s().Foreground(muted),
		PostText:   s(),
		OwnHeader:  s().Bold(true).Foreground(green),
		OwnText:    s().Foreground(green),

		ComposerTitle: s().Bold(true),
		Counter:       s().Foreground(muted),
		CounterWarn:   s().Foreground(amber),
		CounterOver:   s().Foreground(red).Bold(true),
		Overflow:      s().Background(red).Foreground(light),
		Error:         s().Foreground(red),

		Status:      s().Background(bar).Foreground(light),
		StatusSync:  s().Background(bar).Foreground(green),
		StatusWarn:  s().Background(bar).Foreground(amber),
		StatusError: s().Background(bar).Foreground(red),

		PromptLabel: s().Bold(true).Foreground(accent),
		Tab:         s().Foreground(muted),
		TabActive:   s().Bold(true).Foreground(light).Background(accent),
		Tag:         s().Foreground(amber),
		Marked:      s().Foreground(green).Bold(true),
		Woken:       s().Foreground(amber).Bold(true),
		Note:        s().Foreground(amber).Italic(true),
		Hint:        s().Foreground(muted).Italic(true),
		Notice:      s().Background(bar).Foreground(green),
		Section:     s().Bold(true).Underline(true),
		Mark:        s().Background(amber).Foreground(ink),

		HelpBox:        s().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		Accounts:       accountStyles(t.Accounts, func(c color.Color) lipgloss.Style { return s().Foreground(c).Bold(true) }),
		StatusAccounts: accountStyles(t.Accounts, func(c color.Color) lipgloss.Style { return s().Background(bar).Foreground(c).Bold(true) }),
		Networks:       networkStyles(t.Networks, s),
		Help:           help.DefaultStyles(!t.Light),
		Textarea: func() textarea.Styles {
			ta := textarea.DefaultStyles(!t.Light)
			ta.Cursor.Blink = false // a steady cursor; no timer running while typing
			return ta
		}(),
		Input: func() textinput.Styles {
			in := textinput.DefaultStyles(!t.Light)
			in.Cursor.Blink = false
			return in
		}(),
		Report: render.Styles{
			Title:    s().Bold(true),
			Dim:      s().Foreground(muted),
			Warn:     s().Foreground(amber),
			Good:     s().Foreground(green),
			Mentions: s().Foreground(accent),
			Heard:    s().Foreground(muted),
			DMs:      s().Foreground(green),
			Spark:    s().Foreground(amber),
		},
	}
}
