"""The schema as a list of forward migrations. Append only: never edit a shipped step.

The SQL sticks to what SQLite and PostgreSQL both accept (TEXT timestamps in ISO 8601 UTC,
INTEGER booleans, no SQLite-only types) so another backend can follow.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE cursors (
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            cursor TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (account, folder)
        );

        -- Every message ever seen, keyed by where it was found. `fingerprint` (Message-ID,
        -- else a digest of sender/date/subject) de-duplicates copies in several folders.
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            remote_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            message_id TEXT,
            thread_id TEXT,
            refs TEXT NOT NULL DEFAULT '',
            reply_to TEXT NOT NULL DEFAULT '',
            followup_header TEXT,
            direction TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            subject TEXT NOT NULL,
            from_addr TEXT,
            from_name TEXT,
            to_addrs TEXT NOT NULL,
            label TEXT,
            confidence REAL,
            automatic INTEGER NOT NULL DEFAULT 0,
            verdict TEXT,
            process_id TEXT,
            status TEXT NOT NULL,
            error TEXT,
            UNIQUE (account, folder, remote_id)
        );
        CREATE INDEX messages_fp ON messages (fingerprint);
        CREATE INDEX messages_process ON messages (process_id);

        -- Thread keys (Message-IDs, references, provider thread ids, calendar UIDs) of
        -- every processed message, so a later message can find its thread.
        CREATE TABLE thread_keys (
            key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (key, fingerprint)
        );
        CREATE INDEX thread_keys_fp ON thread_keys (fingerprint);

        CREATE TABLE processes (
            id TEXT PRIMARY KEY,
            account TEXT NOT NULL,
            company TEXT NOT NULL,
            company_key TEXT NOT NULL,
            role TEXT,
            role_key TEXT,
            created_at TEXT NOT NULL,
            derived TEXT NOT NULL,
            merged_into TEXT
        );
        CREATE INDEX processes_company ON processes (company_key);

        -- The user's word on a process: close, reopen, confirm.
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            process_id TEXT NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            outcome TEXT
        );

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            process_id TEXT NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            label TEXT,
            subject TEXT,
            summary TEXT NOT NULL,
            dedupe_key TEXT NOT NULL UNIQUE
        );
        CREATE INDEX events_process ON events (process_id, at);

        -- Drafts: recorded as an intent before the mailbox write, reconciled after a crash.
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            process_id TEXT NOT NULL,
            account TEXT NOT NULL,
            window_key TEXT NOT NULL,
            message_id TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL,
            remote_id TEXT,
            body_hash TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (process_id, window_key)
        );

        CREATE TABLE reports (
            slot TEXT PRIMARY KEY,
            message_id TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            delivered_at TEXT
        );
        """,
    ),
]

LATEST = MIGRATIONS[-1][0]
