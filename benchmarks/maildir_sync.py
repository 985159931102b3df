"""Maildir connector figures on a generated folder: listing cost, first sync, incremental sync.

    python benchmarks/maildir_sync.py [N]      (default 100000 files)

Prints wall times and the cursor size; nothing is asserted.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from connectors.maildir import MaildirMailbox
from connectors.maildir.files import ensure_folder, scan

MESSAGE = (
    b"From: Dana <dana@example.org>\nTo: alex@example.com\nSubject: Update\n"
    b"Message-ID: <%d@example.org>\nDate: Mon, 4 Mar 2024 09:30:00 +0000\n\nHello.\n"
)


@dataclass
class Account:
    name: str
    path: Path
    type: str = "maildir"
    folders: list[str] = field(default_factory=lambda: ["INBOX"])
    drafts_folder: str | None = None
    sent_folder: str | None = None
    lookback_days: int = 36500


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "Mail"
        ensure_folder(root, subfolder=False)
        start = int(time.time()) - count * 30
        t0 = time.perf_counter()
        for n in range(count):  # a message every 30 s, most already read
            sub, suffix = ("cur", f",U={n}:2,S") if n % 10 else ("new", "")
            (root / sub / f"{start + n * 30}.{n}_1.host{suffix}").write_bytes(MESSAGE % n)
        print(f"generated {count} files in {time.perf_counter() - t0:.1f} s")

        t0 = time.perf_counter()
        listing = scan(root)
        print(f"scan: {len(listing.entries)} entries in {time.perf_counter() - t0:.3f} s")

        box = MaildirMailbox(Account("bench", root))
        t0 = time.perf_counter()
        batches = 0
        cursor = None
        for batch in box.changes("INBOX", None):
            batches += 1
            cursor = batch.cursor
        first = time.perf_counter() - t0
        print(f"first sync: {batches} batches in {first:.1f} s ({count / first:.0f} msg/s)")
        print(f"cursor size: {len(cursor or '')} bytes")

        (root / "new" / f"{int(time.time())}.new_1.host").write_bytes(MESSAGE % (count + 1))
        t0 = time.perf_counter()
        got = sum(len(b.messages) for b in box.changes("INBOX", cursor))
        print(f"incremental sync ({got} new of {count + 1}): {time.perf_counter() - t0:.3f} s")
        print(f"pid {os.getpid()} done")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
