"""The drafting wizard: from nothing to a complete draft application, one page per step."""
