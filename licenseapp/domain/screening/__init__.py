"""Restricted-party screening rules: names made comparable across scripts, list entries,
and the matching that scores and explains each possible hit (no database here)."""
