"""Pages of the competition, one module per audience."""
