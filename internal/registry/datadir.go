package registry

import (
	"errors"
	"os"
	"path/filepath"
)

// DataDir returns errcat's directory for data of the user:
// $XDG_DATA_HOME/errcat, else ~/.local/share/errcat.
func DataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "errcat"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", errors.New("no home directory for the registry's default store: give --store sqlite:PATH")
	}
	return filepath.Join(home, ".local", "share", "errcat"), nil
}

// DefaultURL returns the default store: sqlite:DATA/registry.db in DataDir.
func DefaultURL() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return "sqlite:" + filepath.Join(d, "registry.db"), nil
}

// AdminTokenFile returns where a generated admin token is written: beside
// a SQLite store, else in DataDir.
func AdminTokenFile(url string) (string, error) {
	if p, ok := cutSQLite(url); ok {
		return filepath.Join(filepath.Dir(p), "admin-token"), nil
	}
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "admin-token"), nil
}

func cutSQLite(url string) (string, bool) {
	if len(url) > len("sqlite:") && url[:len("sqlite:")] == "sqlite:" {
		return url[len("sqlite:"):], true
	}
	return "", false
}
