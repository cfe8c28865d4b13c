package text

import "unicode"

// The character classes of twitter-text's URL regular expressions. Those
// expressions are case-insensitive, so the classes with letters fold case
// (but, as JavaScript does, never fold a non-ASCII letter to ASCII).

// isURLPreceding reports whether r may stand right before a URL.
func isURLPreceding(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return false
	case r == '@', r == '＠', r == '$', r == '#', r == '＃':
		return false
	}
	return !isInvalidChar(r) || isDirectional(r)
}

// isInvalidURLWithoutProtocolPreceding reports the characters that stop a
// URL without a scheme from starting right after them.
func isInvalidURLWithoutProtocolPreceding(r rune) bool {
	return r == '-' || r == '_' || r == '.' || r == '/'
}

// isDomainChar reports whether r may be part of a domain label.
func isDomainChar(r rune) bool {
	return !isURLPunct(r) && !isSpace(r) && !isInvalidChar(r) && !isDirectional(r)
}

// isURLPunct is twitter-text's punctuation class (which leaves out " and `).
func isURLPunct(r rune) bool {
	switch r {
	case '!', '\'', '#', '%', '&', '(', ')', '*', '+', ',', '\\', '-', '.', '/',
		':', ';', '<', '=', '>', '?', '@', '[', ']', '^', '_', '{', '|', '}', '~', '$':
		return true
	}
	return false
}

func isSpace(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0D, r >= 0x2000 && r <= 0x200A:
		return true
	}
	switch r {
	case 0x20, 0x85, 0xA0, 0x1680, 0x180E, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return false
}

func isInvalidChar(r rune) bool { return r == 0xFFFE || r == 0xFEFF || r == 0xFFFF }

func isDirectional(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return r == 0x061C || r == 0x200E || r == 0x200F
}

// isPathChar is validGeneralUrlPathChars.
func isPathChar(r rune) bool {
	if isASCIIAlnum(r) {
		return true
	}
	switch r {
	case '!', '*', '\'', ';', ':', '=', '+', ',', '.', '$', '/', '%', '#', '[', ']',
		'-', 0x2013, '_', '~', '@', '|', '&':
		return true
	}
	return foldIn(r, isCyrillicOrLatinAccent)
}

// isPathEndChar is the character part of validUrlPathEndingChars.
func isPathEndChar(r rune) bool {
	if isASCIIAlnum(r) {
		return true
	}
	switch r {
	case '+', '-', '=', '_', '#', '/':
		return true
	}
	return foldIn(r, isCyrillicOrLatinAccent)
}

// isQueryChar is validUrlQueryChars.
func isQueryChar(r rune) bool {
	if isASCIIAlnum(r) {
		return true
	}
	switch r {
	case '!', '?', '*', '\'', '@', '(', ')', ';', ':', '&', '=', '+', '$', '/', '%',
		'#', '[', ']', '-', '_', '.', ',', '~', '|':
		return true
	}
	return false
}

// isQueryEndChar is validUrlQueryEndingChars.
func isQueryEndChar(r rune) bool {
	if isASCIIAlnum(r) {
		return true
	}
	switch r {
	case '-', '_', '&', '=', '#', '/':
		return true
	}
	return false
}

// isASCIIDomainChar is the label class of validAsciiDomain.
func isASCIIDomainChar(r rune) bool {
	return isASCIIAlnum(r) || r == '-' || foldIn(r, isLatinAccent)
}

// isTLDBoundary reports whether r may follow a TLD (-1 is the end of text).
func isTLDBoundary(r rune) bool {
	return r < 0 || !(isASCIIAlnum(r) || r == '@' || r == '+' || r == '-')
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func isCyrillicOrLatinAccent(r rune) bool {
	return r >= 0x0400 && r <= 0x04FF || isLatinAccent(r)
}

func isLatinAccent(r rune) bool {
	switch {
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x24F,
		r >= 0x300 && r <= 0x36F, r >= 0x1E00 && r <= 0x1EFF:
		return true
	}
	switch r {
	case 0x253, 0x254, 0x256, 0x257, 0x259, 0x25B, 0x263, 0x268, 0x26F, 0x272, 0x289, 0x28B, 0x2BB:
		return true
	}
	return false
}

// foldIn reports whether r or its other case is in a non-ASCII class.
func foldIn(r rune, in func(rune) bool) bool {
	if r < 0x80 {
		return false
	}
	if in(r) {
		return true
	}
	for _, f := range [2]rune{unicode.ToUpper(r), unicode.ToLower(r)} {
		if f != r && f >= 0x80 && in(f) {
			return true
		}
	}
	return false
}

// foldRune lowers r for case-insensitive comparison, ASCII to ASCII and
// non-ASCII to non-ASCII only.
func foldRune(r rune) rune {
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if l := unicode.ToLower(r); l >= 0x80 {
		return l
	}
	return r
}
