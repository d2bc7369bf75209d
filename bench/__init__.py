"""Benchmark of the course-site generator: build cost, scaling, preview latency, page weight.

Run `python -m bench` from the repository root; it prints the tables and writes
`bench/RESULTS.md`. Not part of the test suite: figures are measured, not asserted.
"""
