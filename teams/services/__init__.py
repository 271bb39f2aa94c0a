"""The write paths of team records, one module per area."""
