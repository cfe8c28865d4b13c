package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
)

// doctorSource is what hark doctor's reads are counted to.
const doctorSource = "doctor"

// meterBuffer keeps what X billed for calls made before the database is
// open (hark doctor asks X first), to be counted after.
type meterBuffer struct {
	mu   sync.Mutex
	uses []spend.Use
}

func (b *meterBuffer) meter(_ context.Context, uses []spend.Use) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.uses = append(b.uses, uses...)
}

// countDoctorSpend counts what hark doctor's calls to X billed in the
// database: opened for the moment, or, while another hark holds it,
// through that hark (hark usage --record, a hidden flag).
func (e *env) countDoctorSpend(cmd *cobra.Command, uses []spend.Use) error {
	if _, err := os.Stat(e.dbPath); len(uses) == 0 || err != nil {
		return nil // no database yet to count in: the first hark makes it
	}
	st, err := store.OpenWith(e.dbPath, store.Options{})
	if err == nil {
		defer st.Close()
		return st.CountSpend(time.Now(), doctorSource, uses)
	}
	if !errors.Is(err, store.ErrLocked) {
		return err
	}
	raw, err := json.Marshal(uses)
	if err != nil {
		return err
	}
	args := []string{"usage", "--db=" + abs(e.dbPath), "--record=" + string(raw)}
	ok, err := e.callHolder(cmd.Context(), sock.Request{Args: args}, io.Discard, io.Discard)
	if !ok && err == nil {
		return errors.New("the database is in use, and the hark using it serves no commands")
	}
	return err
}

// recordSpend counts uses given as JSON (hark usage --record) to doctor.
func recordSpend(st *store.Store, raw string) error {
	var uses []spend.Use
	if err := json.Unmarshal([]byte(raw), &uses); err != nil {
		return fmt.Errorf("--record: %v", err)
	}
	return st.CountSpend(time.Now(), doctorSource, uses)
}
