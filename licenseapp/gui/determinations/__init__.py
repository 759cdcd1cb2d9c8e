"""Stored determinations on screen: an application's determination and whether it is out of
date with the rules now, and the determination memo (from an application or the matrix)."""
