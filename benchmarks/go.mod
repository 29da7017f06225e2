module github.com/errcat/errcat/benchmarks

go 1.26.0

require github.com/errcat/errcat v0.0.0

require (
	github.com/goccy/go-yaml v1.19.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)

replace github.com/errcat/errcat => ../
