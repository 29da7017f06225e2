module github.com/errcat/errcat/benchmarks

go 1.26.0

require github.com/errcat/errcat v0.0.0

replace github.com/errcat/errcat => ../
