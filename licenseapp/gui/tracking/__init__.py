"""Tracking: status changes and reassignment, the deadlines screen, calendar export."""
