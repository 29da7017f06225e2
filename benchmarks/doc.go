// Package benchmarks compares errcat with its peers side by side. It is a
// module of its own so the peers (kratos, grpc, …) never enter the main
// module's dependencies. See README.md for the commands and the figures.
package benchmarks
