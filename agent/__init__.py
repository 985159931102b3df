"""followup: keeps job interview processes from silently dying."""

__version__ = "0.1.0"
