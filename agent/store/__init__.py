"""The state store: SQLite in state_dir, versioned schema, a small repository layer."""

from agent.store.db import Store, StoreLocked

__all__ = ["Store", "StoreLocked"]
