"""A team on one database: roles, four eyes before filing, the queues, administration."""
