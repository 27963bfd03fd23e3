"""Writes to the forum, one module per concern. Views call these; the forum's rules live there."""
