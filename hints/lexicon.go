package hints

import "strings"

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// phraseLeads are the first words of the lexicon's phrases, so that a
// phrase is only put together where one may start.
var phraseLeads = leads(praiseWords, complaintWords)

func leads(sets ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, s := range sets {
		for phrase := range s {
			if first, _, ok := strings.Cut(phrase, " "); ok {
				out[first] = true
			}
		}
	}
	return out
}

// questionOpeners start an English question.
var questionOpeners = set("how", "what", "what's", "where", "when", "why", "who", "which",
	"is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should",
	"any", "anyone", "has", "have", "isn't", "aren't", "don't", "doesn't", "can't", "won't")

// negations turn the tone of the next word or two.
var negations = set("not", "no", "never", "don't", "doesn't", "didn't", "isn't", "wasn't",
	"aren't", "won't", "can't", "hardly", "nothing", "without")

// praiseWords are words and phrases of praise, emoji included.
var praiseWords = set("love", "loved", "lovely", "great", "perfect", "thanks", "thank you", "amazing",
	"awesome", "excellent", "best", "congrats", "congratulations", "fantastic", "beautiful", "happy",
	"recommend", "brilliant", "wonderful", "gorgeous", "impressed", "delighted", "shout-out", "kudos",
	"favourite", "favorite", "survived", "glad", "pleased",
	"🎉", "❤", "👍", "✨", "😍", "🥰", "🙌", "💯")

// complaintWords are words and phrases of complaint, emoji included.
var complaintWords = set("broken", "late", "worst", "refund", "charged twice", "twice", "terrible",
	"awful", "disappointed", "disappointing", "angry", "missing", "vanished", "lost", "damaged",
	"crooked", "rude", "cancel", "scam", "still waiting", "unacceptable", "useless", "wrong",
	"empty", "hasn't moved", "never arrived", "rings out", "fix it", "done with", "furious",
	"ridiculous", "ignored", "no reply", "out of", "stuck", "delay", "delayed", "complaint",
	"😩", "😡", "😠", "😤", "😬", "😞", "💔", "👎")
