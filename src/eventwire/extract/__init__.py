"""Extractors: pure functions of a parsed document plus read-only resources."""
