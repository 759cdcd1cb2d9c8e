"""The demo data set: realistic, deterministic, written fast. Not a use case: a generator."""
