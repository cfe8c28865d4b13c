package text

// The parts of twitter-text's extractUrl expression after the scheme, each
// matching as the backtracking JavaScript engine would.

// domainAt matches validDomain at rune q and returns its end, or -1: some
// subdomains, a domain name, and a TLD. The subdomain repetition is greedy,
// so the most labels that still leave a domain name and a TLD win.
func domainAt(t *indexed, q int) int {
	var buf [8][2]int
	labels := buf[:0]
	for j := q; ; {
		k := j
		for r := t.at(k); r >= 0 && (isDomainChar(r) || r == '-' || r == '_'); r = t.at(k) {
			k++
		}
		if t.at(k) != '.' || !validLabel(t, j, k, true) {
			break
		}
		labels = append(labels, [2]int{j, k})
		j = k + 1
	}
	for m := len(labels) - 1; m >= 0; m-- {
		name := labels[m]
		if !validLabel(t, name[0], name[1], false) {
			continue
		}
		if end := tldAt(t, name[1]+1, len(t.runes)); end >= 0 {
			return end
		}
	}
	return -1
}

// validLabel reports whether runes [i, j) are a domain label: domain
// characters, with hyphens (and underscores, in subdomains) inside only.
func validLabel(t *indexed, i, j int, underscore bool) bool {
	if j <= i || !isDomainChar(t.runes[i]) || !isDomainChar(t.runes[j-1]) {
		return false
	}
	for _, r := range t.runes[i:j] {
		if r == '_' && !underscore {
			return false
		}
	}
	return true
}

// finishURL extends a URL from its domain over an optional port, path and
// query, and sets its end.
func finishURL(t *indexed, c candidate) candidate {
	j := c.domEnd
	if t.at(j) == ':' && isDigit(t.at(j+1)) {
		for j++; isDigit(t.at(j)); j++ {
		}
	}
	if t.at(j) == '/' {
		c.hasPath = true
		j = pathEnd(t, j+1)
	}
	if t.at(j) == '?' {
		if end := queryEnd(t, j+1, len(t.runes)); end >= 0 {
			j = end
		}
	}
	c.end = j
	return c
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// pathEnd matches validUrlPath* after a slash at rune i. The path is a run
// of path characters and balanced parentheses; backtracking makes it end
// at its last ending character or parenthesised group.
func pathEnd(t *indexed, i int) int {
	end := i
	for j := i; ; {
		r := t.at(j)
		switch {
		case r >= 0 && isPathChar(r):
			j++
			if isPathEndChar(r) {
				end = j
			}
		case r == '(':
			k := parensEnd(t, j)
			if k < 0 {
				return end
			}
			j, end = k, k
		default:
			return end
		}
	}
}

// parensEnd matches validUrlBalancedParens at the '(' at rune i: one group,
// which may hold one nested group. It returns the end, or -1.
func parensEnd(t *indexed, i int) int {
	k := skipPathChars(t, i+1)
	switch {
	case t.at(k) == ')' && k > i+1:
		return k + 1
	case t.at(k) != '(':
		return -1
	}
	m := skipPathChars(t, k+1)
	if m == k+1 || t.at(m) != ')' {
		return -1
	}
	m = skipPathChars(t, m+1)
	if t.at(m) != ')' {
		return -1
	}
	return m + 1
}

func skipPathChars(t *indexed, i int) int {
	for r := t.at(i); r >= 0 && isPathChar(r); r = t.at(i) {
		i++
	}
	return i
}

// queryEnd matches the query after a '?' at rune i: query characters up
// to the last query-ending one, before limit. It returns -1 when there is
// no ending character.
func queryEnd(t *indexed, i, limit int) int {
	end := -1
	for j := i; j < limit && isQueryChar(t.runes[j]); j++ {
		if isQueryEndChar(t.runes[j]) {
			end = j + 1
		}
	}
	return end
}

// tcoLink matches validTcoUrl on a URL with a scheme: a t.co link keeps
// only its slug and query. It returns the slug's length and the link's end.
func tcoLink(t *indexed, c candidate) (slug, end int, ok bool) {
	i := c.start + c.protocolLen
	if !hasFoldedPrefix(t, i, "t.co/") {
		return 0, 0, false
	}
	i += len("t.co/")
	j := i
	for j < c.end && isASCIIAlnum(t.runes[j]) {
		j++
	}
	if j == i {
		return 0, 0, false
	}
	end = j
	if j < c.end && t.runes[j] == '?' {
		if q := queryEnd(t, j+1, c.end); q >= 0 {
			end = q
		}
	}
	return j - i, end, true
}

// asciiDomains returns the matches of validAsciiDomain in runes [from, to),
// left to right: ASCII (and Latin-accented) labels ending in a TLD.
func asciiDomains(t *indexed, from, to int) [][2]int {
	var found [][2]int
	for s := from; s < to; {
		if e := asciiDomainAt(t, s, to); e >= 0 {
			found = append(found, [2]int{s, e})
			s = e
			continue
		}
		s++
	}
	return found
}

// asciiDomainAt matches validAsciiDomain at rune s, seeing nothing past
// limit, and returns its end or -1.
func asciiDomainAt(t *indexed, s, limit int) int {
	var buf [8]int
	tldStarts := buf[:0]
	for j := s; ; {
		k := j
		for k < limit && isASCIIDomainChar(t.runes[k]) {
			k++
		}
		if k == j || k >= limit || t.runes[k] != '.' {
			break
		}
		tldStarts = append(tldStarts, k+1)
		j = k + 1
	}
	for i := len(tldStarts) - 1; i >= 0; i-- {
		if end := tldAt(t, tldStarts[i], limit); end >= 0 {
			return end
		}
	}
	return -1
}
