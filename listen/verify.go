package listen

import (
	"context"
	"slices"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
)

// VerifySource names the spend of hark sync --verify-deleted.
const VerifySource = "verify-deleted"

// DeletedReason is what a reply queued to a post its author deleted
// fails with.
const DeletedReason = store.TargetGoneReason

// Verified is what a look-up of stored posts found.
type Verified struct {
	// Checked is how many posts X was asked about; Removed how many it
	// named deleted or hidden, which hark removed.
	Checked, Removed int
}

// VerifyDeleted looks up ids (stored posts' newest versions, see
// store.Verifiable) on X in batches of 100, post reads each, and removes
// those X names as not found or not visible, as their authors' deletion
// (store.AuthorDeleted). Only a post X names in its answer's errors is
// removed: one that is merely absent from a short answer proves nothing.
// progress, when set, hears after each batch.
func (p *Poller) VerifyDeleted(ctx context.Context, ids []uint64, progress func(done, total int)) (Verified, error) {
	ctx = spend.WithSource(ctx, VerifySource)
	var v Verified
	for chunk := range slices.Chunk(ids, 100) {
		page, err := p.client.Posts(ctx, chunk)
		if err != nil {
			return v, err
		}
		v.Checked += len(chunk)
		var gone []uint64
		for _, e := range page.Errors {
			if id, err := model.ParseID(e.ResourceID); err == nil && e.Gone() && slices.Contains(chunk, id) {
				gone = append(gone, id)
			}
		}
		n, err := p.store.AuthorDeleted(gone, DeletedReason)
		if err != nil {
			return v, err
		}
		v.Removed += n
		if progress != nil {
			progress(v.Checked, len(ids))
		}
	}
	return v, nil
}

// VerifyCost is what looking up n posts costs at most: a post read each
// (X bills a post read again the same UTC day once, so it may be less).
func VerifyCost(n int, prices spend.Prices) spend.Micros {
	return prices.Cost(spend.Counts{spend.PostRead: n})
}

// VerifyWindow is how far back hark sync --verify-deleted looks by
// default.
const VerifyWindow = 7 * 24 * time.Hour
