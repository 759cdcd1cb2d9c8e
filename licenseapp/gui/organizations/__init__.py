"""The Organizations screen and the organization editor."""
