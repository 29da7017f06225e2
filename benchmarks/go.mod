module github.com/errcat/errcat/benchmarks

go 1.26.0

require (
	github.com/errcat/errcat v0.0.0
	github.com/go-kratos/kratos/v2 v2.8.3
	google.golang.org/genproto/googleapis/rpc v0.0.0-20261019180522-ce908d29299b
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
)

require (
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)

require (
	github.com/goccy/go-yaml v1.19.0 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
	golang.org/x/net v0.62.0 // indirect
)

replace github.com/errcat/errcat => ../
