"""Benchmarks: summary quality on EASC and speed against peers (see README.md)."""
