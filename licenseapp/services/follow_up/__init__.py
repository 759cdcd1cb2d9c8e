"""After filing: status changes, licenses, deadlines and the dashboard."""
