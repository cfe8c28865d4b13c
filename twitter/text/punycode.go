package text

// Punycode (RFC 3492), only as far as twitter-text needs it: the length of
// a domain label once encoded, which must be 1 to 63 for the URL to count.

const (
	punyBase        = 36
	punyTMin        = 1
	punyTMax        = 26
	punySkew        = 38
	punyDamp        = 700
	punyInitialBias = 72
	punyInitialN    = 128
	maxLabelLength  = 63
)

// asciiLabelLength returns the length of label after punycode.js's toASCII:
// the label is split again at the IDNA dots (。．｡), and each part that
// holds a character above U+007E becomes "xn--" and its encoding.
func asciiLabelLength(label []rune) int {
	n, start := 0, 0
	for i := 0; i <= len(label); i++ {
		if i < len(label) && !isIDNADot(label[i]) {
			continue
		}
		part := label[start:i]
		if hasNonASCII(part) {
			n += len("xn--") + punycodeLength(part)
		} else {
			n += len(part)
		}
		if i < len(label) {
			n++ // the dot
		}
		start = i + 1
	}
	return n
}

func isIDNADot(r rune) bool { return r == '.' || r == 0x3002 || r == 0xFF0E || r == 0xFF61 }

func hasNonASCII(s []rune) bool {
	for _, r := range s {
		if r > 0x7E {
			return true
		}
	}
	return false
}

// punycodeLength is the length of the punycode encoding of s.
func punycodeLength(s []rune) int {
	out := 0
	for _, r := range s {
		if r < 0x80 {
			out++
		}
	}
	basic := out
	if basic > 0 {
		out++ // delimiter
	}
	n, delta, bias := rune(punyInitialN), int64(0), int64(punyInitialBias)
	for h := basic; h < len(s); {
		m := rune(0x7FFFFFFF)
		for _, r := range s {
			if r >= n && r < m {
				m = r
			}
		}
		delta += int64(m-n) * int64(h+1)
		n = m
		for _, r := range s {
			if r < n {
				delta++
			}
			if r != n {
				continue
			}
			out += punyDigits(delta, bias)
			bias = punyAdapt(delta, int64(h+1), h == basic)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return out
}

// punyDigits is how many digits the variable-length integer q takes.
func punyDigits(q, bias int64) int {
	digits := 1
	for k := int64(punyBase); ; k += punyBase {
		t := k - bias
		t = max(min(t, punyTMax), punyTMin)
		if q < t {
			return digits
		}
		q = (q - t) / (punyBase - t)
		digits++
	}
}

func punyAdapt(delta, points int64, first bool) int64 {
	if first {
		delta /= punyDamp
	} else {
		delta /= 2
	}
	delta += delta / points
	k := int64(0)
	for delta > ((punyBase-punyTMin)*punyTMax)/2 {
		delta /= punyBase - punyTMin
		k += punyBase
	}
	return k + (punyBase-punyTMin+1)*delta/(delta+punySkew)
}
