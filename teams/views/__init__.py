"""Team pages, one module per area (part 2 adds its own)."""
