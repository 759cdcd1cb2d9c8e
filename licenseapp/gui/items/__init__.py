"""The Items screen, the item editor, and the access held to each item."""
