package vocab

// RetryProfile chooses which categories are retried by default, for an
// entry that does not say itself whether it is retryable.
type RetryProfile string

// The retry profiles.
const (
	// RetryDefault retries unavailable, aborted and deadline_exceeded
	// (CategoryInfo.Retryable).
	RetryDefault RetryProfile = "default"
	// RetryAIP194 follows AIP-194: only unavailable is retried
	// automatically. Aborted is retried at the level of the whole
	// transaction, not the request; deadline_exceeded, cancelled,
	// invalid_argument and data_loss are never retried.
	RetryAIP194 RetryProfile = "aip194"
)

// RetryProfiles returns the profiles, the default first.
func RetryProfiles() []RetryProfile { return []RetryProfile{RetryDefault, RetryAIP194} }

// ParseRetryProfile returns the profile called name ("" is the default);
// ok is false for an unknown name.
func ParseRetryProfile(name string) (p RetryProfile, ok bool) {
	switch RetryProfile(name) {
	case "", RetryDefault:
		return RetryDefault, true
	case RetryAIP194:
		return RetryAIP194, true
	}
	return "", false
}

// RetryableIn reports whether errors of c are retried by default under
// profile p; an unknown profile is the default one.
func (c Category) RetryableIn(p RetryProfile) bool {
	if p == RetryAIP194 {
		return c == Unavailable
	}
	return c.DefaultRetryable()
}
