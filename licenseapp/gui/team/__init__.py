"""The team's queues: what waits for my review, and for my sign-off."""
