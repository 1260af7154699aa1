"""Excel sheets in and out: reply sheets, office registers, safe reading and writing."""
