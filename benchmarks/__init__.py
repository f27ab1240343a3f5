"""Benchmarks for reseau: a synthetic ledger generator and a side-by-side runner."""
