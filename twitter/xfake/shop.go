package xfake

import (
	"fmt"
	"slices"
	"time"

	"github.com/harkhq/hark/model"
)

// The demo shop and its customers.
var (
	ShopAccount = model.User{ID: 1500000001, Username: "paperandpine", Name: "Paper & Pine Stationers",
		Description: "Office supplies, fountain pens and good paper. Nashville-born, shipping everywhere.", Followers: 4210,
		CreatedAt: time.Date(2019, 3, 2, 0, 0, 0, 0, time.UTC)}
	shopCustomers = []model.User{
		{ID: 2000000001, Username: "maria_k", Name: "María Kovač", Description: "Architect. Sketches on everything.", Followers: 812},
		{ID: 2000000002, Username: "devon_writes", Name: "Devon Hale", Description: "Novelist, drinks too much coffee", Followers: 2290},
		{ID: 2000000003, Username: "tomasz", Name: "Tomasz W.", Description: "", Followers: 95},
		{ID: 2000000004, Username: "nashville_nina", Name: "Nina Brooks", Description: "Music City teacher 🎸", Followers: 430},
		{ID: 2000000005, Username: "kenji_t", Name: "田中 健二", Description: "文房具が好き", Followers: 1311},
		{ID: 2000000006, Username: "angry_al", Name: "Al Becker", Description: "Small business owner. Tired.", Followers: 157},
		{ID: 2000000007, Username: "priya_plans", Name: "Priya Raman", Description: "Bullet journal addict ✨", Followers: 5120},
		{ID: 2000000008, Username: "officemgr_sam", Name: "Sam Ortiz", Description: "Keeping a 40-person office stocked", Followers: 61},
		{ID: 2000000009, Username: "lena_draws", Name: "Lena Fischer", Description: "Illustrator", Followers: 9800},
		{ID: 2000000010, Username: "oliver_q", Name: "Oliver Quinn", Description: "", Followers: 23},
		{ID: 2000000011, Username: "fatima_z", Name: "فاطمة الزهراء", Description: "Calligraphy", Followers: 760},
		{ID: 2000000012, Username: "bookish_ben", Name: "Ben Adeyemi", Description: "Reads, writes, returns library books late", Followers: 340},
	}
	// shopTalkers talk about the shop without @mentioning it: only a
	// search for its name hears them.
	shopTalkers = []model.User{
		{ID: 2000000101, Username: "rae_inks", Name: "Rae Okafor", Description: "Ink swatches and bad puns", Followers: 2750},
		{ID: 2000000102, Username: "jo_plans", Name: "Jo Martin", Description: "Planner girl", Followers: 188},
	}
	// DemoSearch is the demo's brand search: the shop's name, and its
	// handle outside its own posts.
	DemoSearch = `"paper and pine" OR paperandpine -from:paperandpine`
)

// shopScript builds a scenario's posts, each a parent's reply or a new
// thread, at times counted back from now.
type shopScript struct {
	now   time.Time
	seq   uint64
	posts []model.Post
}

func (s *shopScript) say(author model.User, ago time.Duration, parent uint64, text string) uint64 {
	return s.sayIn(author, ago, parent, 0, text)
}

// sayIn is say with the conversation given: for a reply to a post the
// world no longer holds (see gone), whose thread X still knows.
func (s *shopScript) sayIn(author model.User, ago time.Duration, parent, conv uint64, text string) uint64 {
	s.seq++
	at := s.now.Add(-ago).UTC().Truncate(time.Millisecond)
	id := model.SnowflakeID(at, s.seq)
	s.posts = append(s.posts, model.Post{ID: id, AuthorID: author.ID, Text: text, CreatedAt: at, InReplyToID: parent, ConversationID: conv})
	return id
}

// edit is the author editing post id in X's app: a new version with a
// new id, naming the first, which names it in turn (see Server.EditPost).
func (s *shopScript) edit(id uint64, ago time.Duration, text string) uint64 {
	i := slices.IndexFunc(s.posts, func(p model.Post) bool { return p.ID == id })
	next := s.posts[i]
	s.seq++
	next.CreatedAt = s.now.Add(-ago).UTC().Truncate(time.Millisecond)
	next.ID, next.Text, next.Edits = model.SnowflakeID(next.CreatedAt, s.seq), text, []uint64{id}
	s.posts[i].Latest, s.posts[i].Edits = next.ID, []uint64{next.ID}
	s.posts = append(s.posts, next)
	return next.ID
}

// gone takes post id out of the world: its author deleted it.
func (s *shopScript) gone(id uint64) {
	s.posts = slices.DeleteFunc(s.posts, func(p model.Post) bool { return p.ID == id })
}

// ShopScenario is the demo: a small office-supplies shop on a busy day,
// with 32 mentions in 20 conversations, three of them already answered
// and one answered last from X's app (fatima's: only the shop's own
// timeline holds that reply), one edited in X's app (oliver's typo), one
// answering a post its author deleted (priya's rant), and three posts
// that talk about the shop without mentioning it.
func ShopScenario(now time.Time) Scenario {
	c := shopCustomers
	maria, devon, tomasz, nina, kenji, al, priya, sam, lena, oliver, fatima, ben := c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]
	me := ShopAccount
	s := &shopScript{now: now}
	h := time.Hour
	m := time.Minute

	basket := s.say(maria, 26*h, 0, "@paperandpine my basket vanished?? I had 3 sketchbooks and the brass compass in it and now the cart says empty 😩")
	r := s.say(me, 25*h, basket, "@maria_k So sorry! Could you tell us roughly when you added them? We'll restore it.")
	r = s.say(maria, 24*h, r, "@paperandpine last night around 10pm, on my phone. Logged in the whole time.")
	s.say(maria, 40*m, r, "@paperandpine any news on the basket? Still empty this morning and the compass shows only 1 left 😬")

	s.say(nina, 5*h, 0, "@paperandpine is there a store near Nashville? I'd love to try the pens before buying")
	store := s.say(nina, 4*h+50*m, 0, "@paperandpine also: do you do teacher discounts?")
	s.say(nina, 4*h+45*m, store, "@paperandpine asking for a whole department, about 30 of us 🙂")

	delivery := s.say(sam, 9*h, 0, "@paperandpine order #4471 was due Tuesday. Tracking hasn't moved since Friday. We're out of toner.")
	r = s.say(me, 8*h, delivery, "@officemgr_sam Checking with the carrier now, back to you within the hour.")
	r = s.say(sam, 7*h, r, "@paperandpine thanks. Any update?")
	s.say(sam, 2*h, r, "@paperandpine it's been 5 hours. Can someone please just tell me where the box is?")

	angry := s.say(al, 3*h, 0, "@paperandpine charged TWICE for the same invoice. Card ending 4417. This is the second time this year. Fix it or I'm done.")
	s.say(al, 2*h+30*m, angry, "@paperandpine and your phone line just rings out. Great.")

	s.say(kenji, 6*h, 0, "@paperandpine 万年筆のインク、届きました！色がとてもきれいです 🖋️ ありがとうございました")
	s.say(priya, 11*h, 0, "@paperandpine the dot-grid A5 is PERFECT. No ghosting with my fountain pens ✨📓 Ordering three more.")
	s.say(lena, 30*h, 0, "Shout-out to @paperandpine for the heavyweight watercolour paper, it survived my wettest washes 🎨")

	q := s.say(devon, 14*h, 0, "@paperandpine do the A4 legal pads come in yellow or only white?")
	r = s.say(me, 13*h, q, "@devon_writes Both! Yellow is on the second tab of the product page.")
	r = s.say(devon, 12*h, r, "@paperandpine found it, thank you. And is the 50-pack cheaper per pad?")
	s.say(devon, 1*h, r, "@paperandpine ordered the 50-pack 👍 will it ship before Friday?")

	s.say(tomasz, 50*m, 0, "@paperandpine hi, do you ship to Poland? Shipping page only lists EU zone 1")
	s.say(tomasz, 45*m, 0, "@paperandpine (Kraków, if that helps)")

	ink := s.say(fatima, 20*h, 0, "@paperandpine هل يتوفر حبر الخط العربي باللون الذهبي؟")
	ink = s.say(fatima, 19*h, ink, "@paperandpine Is the gold calligraphy ink back in stock? The page says 'soon' since October.")
	s.say(me, 18*h, ink, "@fatima_z Not yet, sorry! The gold comes back on the 15th, I'll put one aside for you.") // answered from X's app on the owner's phone: only the own timeline shows it

	ret := s.say(ben, 3*h+20*m, 0, "@paperandpine how do returns work if I already opened the box? The planner's binding is crooked.")
	s.say(ben, 3*h+10*m, ret, "@paperandpine photo in the next tweet. It's not a big deal, just want a straight one.")
	s.say(ben, 3*h, ret, "@paperandpine (can't attach it here, sorry, on the library computer)")

	// Heard: about the shop, not to it.
	rae, jo := shopTalkers[0], shopTalkers[1]
	s.say(rae, 90*m, 0, "anyone else waiting forever on a Paper and Pine order? two weeks now and no tracking")
	s.say(jo, 5*h, 0, "is Paper and Pine legit? thinking of getting my first fountain pen there")
	s.say(lena, 26*h, 0, "paper and pine's watercolour block is the best thing I bought this year, no contest")

	s.say(oliver, 20*m, 0, "@paperandpine what's the difference between the 80gsm and 100gsm copy paper? printer is old")
	typo := s.say(oliver, 15*m, 0, "@paperandpine and does the 100 jam laser printers")
	s.edit(typo, 14*m, "@paperandpine and does the 100gsm jam laser printers? (sorry, typing on the bus)") // edited in X's app

	rant := s.say(priya, 2*h+10*m, 0, "@paperandpine UGH the washi tape order came crushed, what a waste of money")
	s.sayIn(priya, 2*h, rant, rant, "@paperandpine sorry for the grumpy post, deleted it. The tape is fine, only the box. Could the next one come in a tube?")
	s.gone(rant) // she deleted it before hark first read: X finds it no more

	s.say(priya, 10*m, 0, "@paperandpine restock the sage green washi tape please 🙏🙏🙏")
	s.say(lena, 8*m, 0, "@paperandpine the new sketchbook line: is the paper acid-free? <3 your shop")
	s.say(kenji, 5*m, 0, "@paperandpine Do you carry Tomoe River paper? 68gsm please 📄")
	s.say(maria, 3*m, basket, "@paperandpine never mind, support chat restored it ❤️ thank you!")
	s.say(nina, 2*m, 0, "@paperandpine saw you on the local news, congrats on 5 years!! 🎉")

	return Scenario{Account: me, Users: append(slices.Clone(c), shopTalkers...), Posts: s.posts, DMs: shopDMs(now, me, al, sam, kenji),
		ClosedDMs: []uint64{jo.ID}} // X says jo takes no DMs from the shop
}

// shopDMs are the demo's direct messages: the shop took angry_al's
// double charge to DMs from X's app and he answered; a customer who
// writes only by DM; and one more thanks.
func shopDMs(now time.Time, me, al, sam, kenji model.User) []DM {
	dm := func(from, to model.User, ago time.Duration, text string) DM {
		return DM{SenderID: from.ID, RecipientID: to.ID, Text: text, CreatedAt: now.Add(-ago)}
	}
	return []DM{
		dm(me, al, 2*time.Hour+20*time.Minute, "Al, I'm so sorry about the double charge. Could you send me the invoice number? I'll refund it today."),
		dm(al, me, 2*time.Hour, "INV-20931. Both charges on the 14th. I want the second one back, not store credit."),
		dm(sam, me, 70*time.Minute, "Hi! Quote request for our office: 40 boxes of A4 copy paper, 20 toner cartridges (HP 305A). Do you do net-30 invoicing?"),
		dm(kenji, me, 25*time.Hour, "Thanks for the quick shipping last week!"),
	}
}

// ShopDrip returns the demo's stream of new mentions: the nth call gives
// the nth post. Each is a question or remark about one of the shop's
// products, in a form and about a product that change from one to the
// next: the first questions × products posts are all different, and
// none carries a counter.
func ShopDrip() func(n int) model.Post {
	forms := []string{
		"@paperandpine is the %s back in stock?",
		"@paperandpine do you ship the %s to Canada?",
		"@paperandpine just got the %s, it's lovely 😍",
		"@paperandpine how long does the %s take to arrive?",
		"@paperandpine my %s came damaged, what can I do?",
		"@paperandpine do you gift-wrap the %s? It's a birthday present 🎁",
		"@paperandpine can my office get an invoice for 20 of the %s?",
		"@paperandpine what's the difference between the %s and the cheaper one?",
		"@paperandpine ordered the %s on Monday, no tracking yet?",
		"@paperandpine the %s is perfect for my journal, thank you!",
		"@paperandpine any discount on the %s for teachers?",
	}
	products := []string{
		"brass ruler", "sage washi tape", "A5 dot-grid notebook", "gold calligraphy ink", "Tomoe River pad",
		"fountain pen starter set", "bookmark set", "watercolour block", "50-pack of gel pens", "leather pen case",
		"kraft envelopes", "desk blotter", "sketchbook (acid-free)",
	}
	return func(n int) model.Post {
		// forms and products have no common factor, so the pairs repeat
		// only after every pair has come once.
		text := fmt.Sprintf(forms[n%len(forms)], products[n%len(products)])
		return model.Post{AuthorID: shopCustomers[n%len(shopCustomers)].ID, Text: text}
	}
}

// ShopHelpDesk is the shop's second account in the demo with two: its
// help desk, which customers address with their orders' troubles.
var ShopHelpDesk = model.User{ID: 1500000002, Username: "paperandpine_help", Name: "Paper & Pine Help", Description: "Orders, returns, refunds. Mon-Fri 9-5:30.", Followers: 310,
	CreatedAt: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}

// WithHelpDesk adds the help desk account to a shop scenario, with the
// mentions it has: an order question, a customer who writes to both
// accounts at once (one conversation), and one who asks the help desk
// about the shop's stock (a question for the shop: a hand-off).
func WithHelpDesk(sc Scenario, now time.Time) Scenario {
	s := &shopScript{now: now, seq: 900}
	c := shopCustomers
	sc.MoreAccounts = append(sc.MoreAccounts, ShopHelpDesk)
	s.say(c[9], 40*time.Minute, 0, "@paperandpine_help my order #5521 says delivered but there is nothing at my door")
	s.say(c[7], 25*time.Minute, 0, "@paperandpine @paperandpine_help who do I ask about a bulk invoice? 40 boxes of copy paper")
	s.say(c[3], 12*time.Minute, 0, "@paperandpine_help do you stock the Leuchtturm A5 in sage? can't find it on the site")
	sc.Posts = append(sc.Posts, s.posts...)
	return sc
}

// ShopDripDM is the demo's stream of new DMs: the nth a customer's DM to
// the shop, as ShopDrip's mentions are.
func ShopDripDM() func(n int) DM {
	texts := []string{
		"Hi! Quick one: can I change the delivery address on my order?",
		"Is there a discount code for a second order? 🙏",
		"My parcel says delivered but it's not here, what now?",
		"Do you do custom engraving on the pens?",
		"Can I pick up my order from the shop tomorrow?",
	}
	return func(n int) DM {
		c := shopCustomers[(n*5+3)%len(shopCustomers)]
		return DM{SenderID: c.ID, RecipientID: ShopAccount.ID, Text: texts[n%len(texts)]}
	}
}
