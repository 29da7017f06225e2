module github.com/errcat/errcat

go 1.26.0

require (
	github.com/agnivade/levenshtein v1.2.2
	github.com/goccy/go-yaml v1.19.0
	github.com/google/go-cmp v0.7.0
	github.com/spf13/cobra v1.10.1
	golang.org/x/text v0.43.0
)

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
)
