package hints

import "strings"

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// phraseLeads are the first words of the sentiment lexicon's phrases, so
// that a phrase is only put together where one may start.
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

// questionWordsEN open an English question; notQuestionAfter, after one,
// make it an exclamation ("what a mug", "how lovely").
var (
	questionWordsEN  = set("how", "how's", "what", "what's", "where", "where's", "when", "when's", "why", "who", "who's", "which", "any", "anyone", "anybody", "wondering")
	notQuestionAfter = set("a", "an", "lovely", "nice", "cute", "beautiful", "good", "great", "fun", "much", "i", "it's", "you're")
	// auxiliaries open a question when a subject follows ("do you",
	// "is there", "can i"), not otherwise ("will order again").
	auxiliaries = set("is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should",
		"has", "have", "isn't", "aren't", "don't", "doesn't", "can't", "won't", "may", "shall")
	subjects = set("i", "you", "we", "it", "there", "they", "this", "that", "these", "those", "the", "my", "your",
		"our", "anyone", "someone", "somebody", "anybody", "he", "she", "me", "u", "y'all")
)

// questionEndings end a question in languages without a question mark
// habit (Japanese's polite ones, Malay's and Indonesian's question
// words).
var questionEndings = []string{"ますか", "ですか", "でしょうか", "ませんか", "bila", "kenapa", "bagaimana", "macam mana", "berapa", "adakah", "apakah"}

// negations turn the tone of the next word or two.
var negations = set("not", "no", "never", "don't", "doesn't", "didn't", "isn't", "wasn't",
	"aren't", "won't", "can't", "hardly", "nothing", "without")

// praiseWords are words and phrases of praise, emoji included.
var praiseWords = set("love", "loved", "lovely", "great", "perfect", "thanks", "thank you", "amazing",
	"awesome", "excellent", "best", "congrats", "congratulations", "fantastic", "beautiful", "happy",
	"recommend", "brilliant", "wonderful", "gorgeous", "impressed", "delighted", "shout-out", "kudos",
	"favourite", "favorite", "survived", "glad", "pleased", "obsessed", "appreciate", "nice", "good",
	"better", "super", "well done", "stars", "beats", "pretty", "relief", "bliss", "adore", "j'adore",
	"magnifique", "liebe", "adoro", "encanta", "mejores", "bellissimo", "bellissima", "cantik", "suka", "bagus",
	"素敵", "最高", "嬉しい",
	"gracias", "merci", "danke", "obrigada", "obrigado", "grazie", "terima kasih", "makasih", "bedankt",
	"🎉", "❤", "👍", "✨", "😍", "🥰", "🙌", "💯", "🙏", "😊")

// complaintWords are words and phrases of complaint, emoji included; a
// negation before one cancels it ("not angry").
var complaintWords = set("broken", "late", "worst", "refund", "charged twice", "twice", "terrible",
	"awful", "disappointed", "disappointing", "angry", "missing", "vanished", "lost", "damaged",
	"crooked", "rude", "cancel", "scam", "still waiting", "unacceptable", "useless", "wrong",
	"empty", "hasn't moved", "never arrived", "rings out", "fix it", "done with", "furious",
	"ridiculous", "ignored", "no reply", "out of", "stuck", "delay", "delayed", "complaint",
	"upset", "locked", "declined", "invalid", "expired", "smashed", "cracked", "snapped", "chip",
	"leaks", "rash", "error", "crashes", "broke", "problem",
	"😩", "😡", "😠", "😤", "😬", "😞", "💔", "👎")

// problemPhrases state a problem without a complaint word: what did not
// happen, what does not work, who did not answer, in the languages the
// shop meets. Latin-script ones match whole words.
var problemPhrases = []string{
	// English
	"not delivered", "not here", "not arrived", "hasn't arrived", "has not arrived", "didn't arrive", "did not arrive",
	"haven't heard", "have not heard", "not heard back", "haven't received", "have not received", "still haven't",
	"never received", "never got", "never came", "never comes", "never showed", "never changes", "not received",
	"no response", "no answer", "not a single", "nobody", "no one", "zero communication", "still no", "still nothing",
	"nothing arrived", "nothing from", "will not", "won't", "doesn't work", "does not work", "not working",
	"isn't working", "doesn't fit", "doesn't answer", "can't", "cannot", "unable", "not letting me", "keeps",
	"sort it out", "get it together", "thanks for nothing", "is down", "too small", "too big", "nothing like",
	"not mine", "isn't mine", "dies", "for the 5th time", "second time", "third time", "i guess i'll",
	"my money back", "money left my account", "charge me", "charges", "charged", "on hold", "sitting at",
	"404", "half the items", "it is not", "it's not", "should have arrived", "it's been", "been days",
	"hasn't updated", "hasn't changed", "not updated", "a week late", "weeks", "been a week", "on day", "haven't had", "still broken", "shame", "though",
	"but my", "but it", "but lost", "but a refund", "but that", "but tracking", "but the", "never",
	// Spanish
	"no ha llegado", "no llega", "no funciona", "roto", "rota", "reembolso", "cobraron", "sigo esperando",
	"todavía no", "no recibo", "no he recibido", "problema", "lleva",
	// French
	"pas reçu", "ne fonctionne pas", "ne marche pas", "cassé", "cassée", "remboursement", "toujours rien",
	"toujours pas", "j'attends", "problème",
	// German
	"nicht angekommen", "funktioniert nicht", "kaputt", "rückerstattung", "warte seit", "immer noch nicht", "noch nicht",
	// Portuguese
	"não chegou", "ainda não", "não funciona", "quebrado", "quebrada", "cobrado", "cadê",
	// Italian
	"non è arrivato", "non è ancora arrivato", "non funziona", "rotto", "rimborso",
	// Japanese
	"届きません", "届かない", "届いていません", "壊れ", "返金", "できません", "二重", "まだ", "ありません", "不良",
	// Malay, Indonesian
	"belum", "rosak", "rusak", "dua kali", "tak boleh", "tidak boleh", "masih menunggu", "bayaran balik",
	// Dutch
	"nog steeds niet", "niet aangekomen", "kapot",
}

// requestPhrases ask the shop to do something, or to answer at last.
var requestPhrases = []string{
	// English
	"please", "pls", "plz", "kindly", "dm me", "message me", "let me know", "let us know", "get back to me",
	"call me", "help me", "help with", "help us", "need help", "please help", "help please", "need", "i'd like", "i want", "want to", "advise", "any update", "any news", "any word",
	"update please", "following up", "follow up", "checking in", "bump", "hello", "anyone there", "asking",
	"did you get my", "reply to my", "answer me", "going to answer", "waiting to hear", "waiting on", "waiting for",
	"i'd appreciate", "could someone", "can someone", "can you", "could you", "would you", "i've dmed", "dmed you",
	// Spanish, Portuguese
	"por favor", "ayuda", "ayúdenme", "necesito", "quiero", "ajuda", "ajudem", "quero",
	// French
	"svp", "s'il vous plaît", "pouvez-vous", "pouvez vous", "m'aider", "aidez", "je veux",
	// German
	"bitte", "hilfe", "melden sie",
	// Italian
	"per favore", "aiutatemi", "aiuto", "vorrei",
	// Japanese
	"ください", "教えて", "お願い",
	// Malay, Indonesian
	"tolong", "boleh saya", "dicek", "mohon",
	// Dutch
	"kunnen jullie", "helpen",
}

// resolvedPhrases close a matter: with no question asked, they take
// back the problem and the request ("the problem was my wifi, all good
// now").
var resolvedPhrases = []string{
	"all sorted", "sorted now", "sorted", "all good", "works now", "working now", "resolved", "fixed now",
	"never mind", "nevermind", "found it", "got it", "no worries", "all fine", "makes sense", "understood",
	"fair enough", "safe and sound", "came through", "much better", "was in", "problem was",
	"resuelto", "todo bien", "todo perfecto", "réglé", "erledigt", "alles angekommen", "selesai",
	"dah sampai", "sudah sampai", "解決", "届きました", "chegou tudo", "è arrivato tutto", "tout est arrivé",
	"ya llegó", "goed aangekomen",
}

// exceptions read as problems and are not: they are taken out of the
// text before the lexicons are matched.
var exceptions = []string{
	"can't wait", "can't recommend", "cannot recommend", "can't get enough", "can't stop", "no complaints",
	"no problem", "not bad", "never had a bad", "never been better", "never disappointed", "never fails",
	"didn't expect", "no worries at all", "no worries", "no rush", "thanks for the help", "for the help",
	"helpful", "need i say", "won't be the last", "not the first time", "por la ayuda", "pela ajuda",
	"never mind", "nothing beats",
}

// contentPhrases say a post is content, not a wait: thanks, laughter,
// a matter closed, a post shown off (the praise words count too).
var contentPhrases = []string{
	"thanks", "thank you", "thx", "ty", "cheers", "lol", "haha", "hehe", "lmao", "yay", "wow", "ok", "okay",
	"sorted", "all good", "received", "here", "arrived", "came today", "got it", "excited", "bliss",
	"showing off", "look at", "unboxing", "just ordered", "just placed", "just got", "wearing", "spotted",
	"featured", "shared", "followed", "approves", "same", "noted", "will do", "see you", "no rush",
	"gracias", "merci", "danke", "obrigado", "obrigada", "grazie", "ありがとう", "terima kasih", "makasih", "bedankt",
}
