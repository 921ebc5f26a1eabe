"""Benchmarks: synthetic diaries and timings, run with `make bench` or `python -m benchmarks.<name>`."""
