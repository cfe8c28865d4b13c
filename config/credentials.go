package config

// Credentials are an account's keys: for X, an app's keys and a user's
// access token (OAuth 1.0a user context), from HARK_X_* or config.toml
// (0600), X's client taking them as they are (twitter.Credentials); for
// Bluesky, a handle and an app password, and the PDS. Never logged nor
// stored in the database.
type Credentials struct {
	APIKey       string
	APIKeySecret string
	AccessToken  string
	AccessSecret string
	// Handle, AppPassword and Service sign a Bluesky account in (Service
	// is its PDS; Bluesky's own when empty).
	Handle, AppPassword, Service string
}

// Missing names the variables of the credentials that are empty.
func (c Credentials) Missing() []string {
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"HARK_X_API_KEY", c.APIKey}, {"HARK_X_API_SECRET", c.APIKeySecret},
		{"HARK_X_ACCESS_TOKEN", c.AccessToken}, {"HARK_X_ACCESS_SECRET", c.AccessSecret},
	} {
		if f.value == "" {
			missing = append(missing, f.name)
		}
	}
	return missing
}

// MaxSearchQuery is the longest search query X takes from a self-serve
// app (4,096 is Enterprise's): a [[search]] longer is refused on its
// line, before X refuses it at every poll.
const MaxSearchQuery = 512
