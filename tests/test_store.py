"""The state store: private files, a versioned schema, one writer, nothing processed twice."""

from __future__ import annotations

import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest
from cycle_helpers import followup, make_world

from agent.demo.scenario import TZ
from agent.store import Store, StoreLocked
from agent.store.db import StoreTooNew
from agent.store.schema import LATEST


def test_state_dir_and_database_are_private(tmp_path: Path) -> None:
    store = Store(tmp_path / "state")
    try:
        assert stat.S_IMODE((tmp_path / "state").stat().st_mode) == 0o700
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
        assert store.schema_version == LATEST
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    finally:
        store.close()


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    first = Store(tmp_path, exclusive=True)
    try:
        with pytest.raises(StoreLocked, match="another followup is running"):
            Store(tmp_path, exclusive=True)
        reader = Store(tmp_path)  # status and export only read
        reader.close()
    finally:
        first.close()


def test_a_database_from_a_newer_version_is_not_touched(tmp_path: Path) -> None:
    Store(tmp_path).close()
    conn = sqlite3.connect(tmp_path / "followup.sqlite3")
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreTooNew):
        Store(tmp_path)


def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    store = Store(tmp_path)
    try:
        with pytest.raises(RuntimeError), store.transaction():
            store.execute(
                "INSERT INTO cursors (account, folder, cursor, updated_at) VALUES "
                "('a', 'INBOX', 'c', 'now')"
            )
            raise RuntimeError("crash in the middle of one message's effects")
        assert store.query("SELECT * FROM cursors") == []
    finally:
        store.close()


def _counts(root: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(root / "state" / "followup.sqlite3")
    try:
        rows = conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
        done = conn.execute("SELECT COUNT(*) FROM messages WHERE status = 'processed'").fetchone()
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        return rows, done[0], events
    finally:
        conn.close()


def test_resyncing_the_same_maildir_processes_nothing_twice(tmp_path: Path) -> None:
    world, config = make_world(tmp_path)
    now = datetime(2026, 3, 18, 9, 0, tzinfo=TZ)
    world.deliver_until(now)
    followup(config, now, "run", "--once")  # also puts the weekly email into the Inbox
    followup(config, now, "run", "--once")  # which this sync records, once
    first = _counts(tmp_path)
    assert first[1] > 20
    followup(config, now, "run", "--once")
    assert _counts(tmp_path) == first
    # Even with every cursor forgotten (a full listing, as after an expired cursor).
    conn = sqlite3.connect(tmp_path / "state" / "followup.sqlite3")
    conn.execute("DELETE FROM cursors")
    conn.commit()
    conn.close()
    followup(config, now, "run", "--once")
    assert _counts(tmp_path) == first
