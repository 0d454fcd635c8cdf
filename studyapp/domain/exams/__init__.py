"""Papers as plain Python: drawing questions from a blueprint, scoring answers."""
