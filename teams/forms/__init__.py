"""Team forms and filters, one module per area."""
