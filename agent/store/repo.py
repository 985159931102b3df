"""The repository layer: every query the agent makes, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agent.store.db import Store
from agent.tracker.fold import DraftMark, TrackedMessage, UserAction
from agent.tracker.serial import verdict_from_json


@dataclass
class DraftRow:
    id: int
    process_id: str
    account: str
    window_key: str
    message_id: str
    state: str  # intent | pending | sent | deleted | retracted | kept
    remote_id: str | None
    body_hash: str | None
    created_at: datetime
    updated_at: datetime


@dataclass
class ProcessRow:
    id: str
    account: str
    company: str
    company_key: str
    role: str | None
    role_key: str | None
    created_at: datetime
    derived: str
    merged_into: str | None


def _draft(row: Any) -> DraftRow:
    return DraftRow(
        id=row["id"],
        process_id=row["process_id"],
        account=row["account"],
        window_key=row["window_key"],
        message_id=row["message_id"],
        state=row["state"],
        remote_id=row["remote_id"],
        body_hash=row["body_hash"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def _process(row: Any) -> ProcessRow:
    return ProcessRow(
        id=row["id"],
        account=row["account"],
        company=row["company"],
        company_key=row["company_key"],
        role=row["role"],
        role_key=row["role_key"],
        created_at=datetime.fromisoformat(row["created_at"]),
        derived=row["derived"],
        merged_into=row["merged_into"],
    )


class Repo:
    def __init__(self, store: Store) -> None:
        self.store = store

    # cursors ---------------------------------------------------------------------------
    def cursor(self, account: str, folder: str) -> str | None:
        row = self.store.one(
            "SELECT cursor FROM cursors WHERE account = ? AND folder = ?", (account, folder)
        )
        return row["cursor"] if row else None

    def set_cursor(self, account: str, folder: str, cursor: str | None, now: datetime) -> None:
        if cursor is None:
            self.store.execute(
                "DELETE FROM cursors WHERE account = ? AND folder = ?", (account, folder)
            )
            return
        self.store.execute(
            "INSERT INTO cursors (account, folder, cursor, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (account, folder) DO UPDATE SET cursor = excluded.cursor, "
            "updated_at = excluded.updated_at",
            (account, folder, cursor, now.isoformat()),
        )

    # messages --------------------------------------------------------------------------
    def seen_remote(self, account: str, folder: str, remote_id: str) -> bool:
        return (
            self.store.one(
                "SELECT 1 FROM messages WHERE account = ? AND folder = ? AND remote_id = ?",
                (account, folder, remote_id),
            )
            is not None
        )

    def seen_fingerprint(self, fingerprint: str) -> bool:
        return (
            self.store.one(
                "SELECT 1 FROM messages WHERE fingerprint = ? AND status = 'processed'",
                (fingerprint,),
            )
            is not None
        )

    def message_id_seen(self, message_id: str) -> bool:
        return (
            self.store.one("SELECT 1 FROM messages WHERE message_id = ?", (message_id,)) is not None
        )

    def insert_message(self, **cols: Any) -> int:
        names = ", ".join(cols)
        marks = ", ".join("?" for _ in cols)
        cur = self.store.execute(
            f"INSERT INTO messages ({names}) VALUES ({marks})", tuple(cols.values())
        )
        return int(cur.lastrowid or 0)

    def set_message_process(self, fingerprint: str, process_id: str | None) -> None:
        self.store.execute(
            "UPDATE messages SET process_id = ? WHERE fingerprint = ? AND status = 'processed'",
            (process_id, fingerprint),
        )

    def add_thread_keys(self, fingerprint: str, keys: list[str]) -> None:
        for key in keys:
            self.store.execute(
                "INSERT INTO thread_keys (key, fingerprint) VALUES (?, ?) "
                "ON CONFLICT (key, fingerprint) DO NOTHING",
                (key, fingerprint),
            )

    def thread_fingerprints(self, keys: list[str]) -> list[str]:
        """Fingerprints of processed messages sharing any of these thread keys."""
        if not keys:
            return []
        marks = ", ".join("?" for _ in keys)
        rows = self.store.query(
            f"SELECT DISTINCT fingerprint FROM thread_keys WHERE key IN ({marks})", tuple(keys)
        )
        return [r["fingerprint"] for r in rows]

    def message_rows(self, fingerprints: list[str]) -> list[Any]:
        if not fingerprints:
            return []
        marks = ", ".join("?" for _ in fingerprints)
        return self.store.query(
            f"SELECT * FROM messages WHERE status = 'processed' AND fingerprint IN ({marks})",
            tuple(fingerprints),
        )

    def process_messages(self, process_id: str) -> list[TrackedMessage]:
        rows = self.store.query(
            "SELECT * FROM messages WHERE process_id = ? AND status = 'processed' "
            "ORDER BY sent_at, fingerprint",
            (process_id,),
        )
        return [tracked(r) for r in rows]

    def backlog(self) -> int:
        row = self.store.one("SELECT COUNT(*) FROM messages WHERE status = 'pending'")
        return int(row[0]) if row else 0

    # processes -------------------------------------------------------------------------
    def process(self, process_id: str) -> ProcessRow | None:
        row = self.store.one("SELECT * FROM processes WHERE id = ?", (process_id,))
        return _process(row) if row else None

    def processes(self, *, include_merged: bool = False) -> list[ProcessRow]:
        sql = "SELECT * FROM processes"
        if not include_merged:
            sql += " WHERE merged_into IS NULL"
        return [_process(r) for r in self.store.query(sql + " ORDER BY created_at, id")]

    def processes_of_company(self, company_key: str) -> list[ProcessRow]:
        rows = self.store.query(
            "SELECT * FROM processes WHERE company_key = ? AND merged_into IS NULL "
            "ORDER BY created_at, id",
            (company_key,),
        )
        return [_process(r) for r in rows]

    def insert_process(self, row: ProcessRow) -> None:
        self.store.execute(
            "INSERT INTO processes (id, account, company, company_key, role, role_key, "
            "created_at, derived) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row.id,
                row.account,
                row.company,
                row.company_key,
                row.role,
                row.role_key,
                row.created_at.isoformat(),
                row.derived,
            ),
        )

    def update_process(self, process_id: str, **cols: Any) -> None:
        sets = ", ".join(f"{k} = ?" for k in cols)
        self.store.execute(
            f"UPDATE processes SET {sets} WHERE id = ?", (*cols.values(), process_id)
        )

    def merge_process(self, source: str, target: str) -> None:
        for table in ("messages", "actions", "events", "drafts"):
            self.store.execute(
                f"UPDATE {table} SET process_id = ? WHERE process_id = ?", (target, source)
            )
        self.update_process(source, merged_into=target)

    def process_ids(self) -> set[str]:
        return {r["id"] for r in self.store.query("SELECT id FROM processes")}

    # actions ---------------------------------------------------------------------------
    def add_action(self, process_id: str, at: datetime, action: str, outcome: str | None) -> None:
        self.store.execute(
            "INSERT INTO actions (process_id, at, action, outcome) VALUES (?, ?, ?, ?)",
            (process_id, at.isoformat(), action, outcome),
        )

    def actions(self, process_id: str) -> list[UserAction]:
        rows = self.store.query(
            "SELECT * FROM actions WHERE process_id = ? ORDER BY at, id", (process_id,)
        )
        return [
            UserAction(datetime.fromisoformat(r["at"]), r["action"], r["outcome"]) for r in rows
        ]

    # events ----------------------------------------------------------------------------
    def add_event(
        self,
        process_id: str,
        at: datetime,
        kind: str,
        summary: str,
        dedupe_key: str,
        label: str | None = None,
        subject: str | None = None,
    ) -> bool:
        cur = self.store.execute(
            "INSERT INTO events (process_id, at, kind, label, subject, summary, dedupe_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
            (process_id, at.isoformat(), kind, label, subject, summary, dedupe_key),
        )
        return cur.rowcount > 0

    def events(self, process_id: str | None = None) -> list[Any]:
        if process_id:
            return self.store.query(
                "SELECT * FROM events WHERE process_id = ? ORDER BY at, id", (process_id,)
            )
        return self.store.query("SELECT * FROM events ORDER BY at, id")

    # drafts ----------------------------------------------------------------------------
    def drafts(self, process_id: str | None = None, states: tuple[str, ...] = ()) -> list[DraftRow]:
        sql, params = "SELECT * FROM drafts WHERE 1 = 1", []
        if process_id:
            sql += " AND process_id = ?"
            params.append(process_id)
        if states:
            sql += f" AND state IN ({', '.join('?' for _ in states)})"
            params.extend(states)
        return [
            _draft(r) for r in self.store.query(sql + " ORDER BY created_at, id", tuple(params))
        ]

    def draft_for_window(self, process_id: str, window_key: str) -> DraftRow | None:
        row = self.store.one(
            "SELECT * FROM drafts WHERE process_id = ? AND window_key = ?", (process_id, window_key)
        )
        return _draft(row) if row else None

    def insert_draft_intent(
        self, process_id: str, account: str, window_key: str, message_id: str, now: datetime
    ) -> None:
        self.store.execute(
            "INSERT INTO drafts (process_id, account, window_key, message_id, state, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, 'intent', ?, ?)",
            (process_id, account, window_key, message_id, now.isoformat(), now.isoformat()),
        )

    def update_draft(self, draft_id: int, now: datetime, **cols: Any) -> None:
        cols["updated_at"] = now.isoformat()
        sets = ", ".join(f"{k} = ?" for k in cols)
        self.store.execute(f"UPDATE drafts SET {sets} WHERE id = ?", (*cols.values(), draft_id))

    def draft_marks(self, process_id: str) -> list[DraftMark]:
        return [
            DraftMark(d.message_id, d.created_at)
            for d in self.drafts(process_id)
            if d.state != "intent"
        ]

    # reports ---------------------------------------------------------------------------
    def report(self, slot: str) -> Any:
        return self.store.one("SELECT * FROM reports WHERE slot = ?", (slot,))

    def insert_report_intent(self, slot: str, message_id: str, now: datetime) -> None:
        self.store.execute(
            "INSERT INTO reports (slot, message_id, state, created_at) VALUES (?, ?, 'intent', ?)",
            (slot, message_id, now.isoformat()),
        )

    def mark_report_delivered(self, slot: str, now: datetime) -> None:
        self.store.execute(
            "UPDATE reports SET state = 'delivered', delivered_at = ? WHERE slot = ?",
            (now.isoformat(), slot),
        )

    def reports(self) -> list[Any]:
        return self.store.query("SELECT * FROM reports ORDER BY slot")


def tracked(row: Any) -> TrackedMessage:
    return TrackedMessage(
        fingerprint=row["fingerprint"],
        message_id=row["message_id"],
        refs=tuple(row["refs"].split()) if row["refs"] else (),
        direction=row["direction"],
        at=datetime.fromisoformat(row["sent_at"]),
        subject=row["subject"],
        from_addr=row["from_addr"],
        from_name=row["from_name"],
        reply_to=tuple(row["reply_to"].split()) if row["reply_to"] else (),
        verdict=verdict_from_json(row["verdict"]),
        followup_header=row["followup_header"],
    )
