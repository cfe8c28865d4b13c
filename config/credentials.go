package config

// Credentials are an X app's keys and a user's access token (OAuth 1.0a
// user context): from HARK_X_* or the 0600 credentials file, never from
// config.toml, never logged nor stored in the database. X's client
// takes them as they are (twitter.Credentials).
type Credentials struct {
	APIKey       string
	APIKeySecret string
	AccessToken  string
	AccessSecret string
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
