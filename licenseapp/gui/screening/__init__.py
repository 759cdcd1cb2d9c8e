"""The Screening screen: hits on our people and organizations against the restricted-party
lists, reviewed side by side and decided with a note; list snapshots loaded and everyone
re-screened."""
