package network

import (
	"context"
	"strings"
	"testing"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/spend"
)

// noAdapter is an adapter that reaches nothing.
type noAdapter struct{}

func (noAdapter) Connect(Dial) (Client, error) { return nil, nil }
func (noAdapter) SignIn(context.Context, Dial, Terminal) (config.Credentials, error) {
	return config.Credentials{}, nil
}
func (noAdapter) Check(context.Context, Dial) []Finding { return nil }
func (noAdapter) Demo(DemoOptions) (*Demo, error)       { return nil, nil }
func (noAdapter) Prices() spend.Prices                  { return spend.Prices{} }

// TestAnAdapterIsFoundByItsNetworksName: Provide makes a network's
// adapter known by its name; a network not provided is a clear error;
// providing a name twice is a fault of the program.
func TestAnAdapterIsFoundByItsNetworksName(t *testing.T) {
	Provide("adaptertest", noAdapter{})
	if a, err := AdapterOf("adaptertest"); err != nil || a == nil {
		t.Errorf("a provided network: %v, %v", a, err)
	}
	_, err := Connect(Dial{Network: "nowhere"})
	if err == nil || !strings.Contains(err.Error(), `network "nowhere"`) {
		t.Errorf("a network no adapter provides: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("providing a name twice did not panic")
		}
	}()
	Provide("adaptertest", noAdapter{})
}
