"""Hiring processes: which process a message joins, and what state the process is in."""
