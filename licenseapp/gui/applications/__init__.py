"""The Applications screen: the list with its filters, and the details of one application."""
