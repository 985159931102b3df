"""IMAP first-sync benchmark on a private Dovecot with a generated mailbox.

    python benchmarks/imap_sync.py [--count 50000] [--job-share 0.02] [--rounds 2]

Fills the Inbox of a throwaway Dovecot (the test harness in tests/imap/dovecot.py) by writing
Maildir files directly, lets Dovecot index them (untimed), then times in the same run:
  (a) raw: one imapclient session fetching the same header fields, sizes, dates and flags
      for every message, in the same batch size, and nothing else;
  (b) ours: ImapMailbox.changes("INBOX", None) to the end: header-first, bodies (capped)
      for the messages that could matter, every message parsed into a Message.
Each side runs in its own fresh process, so its peak RSS is its own. Prints both times, their
ratio and the peak RSS. Target: ours within 1.5x of raw, peak RSS under 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "imap"))
sys.path.insert(0, str(ROOT))

from dovecot import DovecotAccount, DovecotServer, _mail_owner  # noqa: E402

from connectors.imap_headers import HEADER_ITEM  # noqa: E402
from connectors.imap_sync import HEADER_BATCH  # noqa: E402

USER_ADDRESS = "alex@example.com"
LOOKBACK_DAYS = 180

# ---- a generated mailbox ----------------------------------------------------------------

COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne"]
ATS = ["greenhouse-mail.io", "hire.lever.co", "myworkday.com", "ashbyhq.com", "smartrecruiters.com"]
JOB_SUBJECTS = [
    "Your application to {c}",
    "Interview invitation: Backend Engineer at {c}",
    "Next steps with {c}",
    "Thank you for applying to {c}",
    "{c}: phone screen scheduling",
]
SHOPS = ["shop", "news", "deals", "weekly", "digest", "offers", "club", "community"]
NOTICES = [
    "Your order has shipped",
    "Security alert for your account",
    "Your receipt from {c}",
    "Password changed",
    "Your monthly statement is ready",
    "Delivery scheduled for tomorrow",
]
FRIENDS = ["Sam", "Kim", "Lou", "Ash", "Max", "Ren", "Jo", "Pat"]
WORDS = (
    "the quick brown fox jumps over a lazy dog while markets rise and weather turns cold "
    "with plans for the weekend and notes about the garden project and family dinner"
).split()


def _pool(seed: int, size: int = 1 << 20) -> str:
    """A megabyte of word salad in 80-column lines; bodies are slices of it."""
    rng = random.Random(seed)
    words = [rng.choice(WORDS) for _ in range(size // 5)]
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    return "\r\n".join(lines)


POOL = _pool(1)


def _text(rng: random.Random, size: int) -> str:
    start = POOL.find("\r\n", rng.randrange(0, len(POOL) - size - 200)) + 2
    end = POOL.find("\r\n", start + size)
    return POOL[start:end]


def message(n: int, rng: random.Random, job_share: float, when: datetime) -> tuple[bytes, bool]:
    """One message (CRLF) and whether it is job mail."""
    date = format_datetime(when)
    mid = f"<{n}.{rng.randrange(10**9)}@gen.example>"
    roll = rng.random()
    extra = ""
    c = rng.choice(COMPANIES)
    if roll < job_share:
        kind = "job"
        sender = (
            f"{c} Recruiting <no-reply@{rng.choice(ATS)}>"
            if rng.random() < 0.6
            else f"Dana Lee <dana@{c.lower()}.example>"
        )
        subject = rng.choice(JOB_SUBJECTS).format(c=c)
        body = "Dear Alex,\r\n\r\n" + _text(rng, rng.randrange(600, 3000))
    elif roll < 0.62:
        kind = "bulk"
        shop = rng.choice(SHOPS)
        sender = f"{c} {shop.title()} <{shop}@{c.lower()}-mail.example>"
        subject = f"{c} {shop}: {' '.join(rng.sample(WORDS, 4))}"
        extra = (
            f"List-Id: <{shop}.{c.lower()}.example>\r\n"
            f"List-Unsubscribe: <mailto:unsubscribe@{c.lower()}-mail.example>\r\n"
            "Precedence: bulk\r\n"
        )
        body = _text(rng, rng.randrange(2000, 20000))
    elif roll < 0.88:
        kind = "notice"
        sender = f"{c} <no-reply@{c.lower()}.example>"
        subject = rng.choice(NOTICES).format(c=c)
        body = _text(rng, rng.randrange(500, 4000))
    else:
        kind = "personal"
        friend = rng.choice(FRIENDS)
        sender = f"{friend} <{friend.lower()}@friends.example>"
        subject = " ".join(rng.sample(WORDS, 3)).capitalize()
        if rng.random() < 0.4:  # a reply in a conversation
            subject = "Re: " + subject
            extra = f"In-Reply-To: <{rng.randrange(10**9)}@friends.example>\r\n"
        body = _text(rng, rng.randrange(200, 2500))
    head = (
        f"Return-Path: <bounce@{c.lower()}.example>\r\n"
        f"Received: from mx.gen.example by mail.example.com; {date}\r\n"
        f"From: {sender}\r\nTo: Alex Morgan <{USER_ADDRESS}>\r\nSubject: {subject}\r\n"
        f"Date: {date}\r\nMessage-ID: {mid}\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n{extra}"
    )
    return (head + "\r\n" + body + "\r\n").encode(), kind == "job"


def fill_maildir(home: Path, count: int, job_share: float, seed: int) -> int:
    """Write `count` messages into the Inbox (Maildir cur/), dated over the last 150 days.
    The file's mtime is what Dovecot reports as INTERNALDATE."""
    rng = random.Random(seed)
    uid, gid = _mail_owner()
    for sub in ("cur", "new", "tmp"):
        (home / sub).mkdir(exist_ok=True)
        os.chown(home / sub, uid, gid)
    now = datetime.now(UTC)
    start = now - timedelta(days=150)
    step = (now - start) / count
    jobs = 0
    for n in range(count):
        when = (start + step * n).replace(microsecond=0)
        raw, is_job = message(n, rng, job_share, when)
        jobs += is_job
        stamp = int(when.timestamp())
        flags = "S" if rng.random() < 0.85 else ""
        path = home / "cur" / f"{stamp}.M{n}P1.bench,S={len(raw)}:2,{flags}"
        path.write_bytes(raw)
        os.utime(path, (stamp, stamp))
        os.chown(path, uid, gid)
    return jobs


# ---- the two timed sides, each in its own process ---------------------------------------


def run_raw(host: str, port: int, user: str, password: str, batch: int) -> dict[str, Any]:
    from imapclient import IMAPClient

    t0 = time.perf_counter()
    client = IMAPClient(host, port, ssl=False, timeout=120)
    client.normalise_times = False
    client.login(user, password)
    client.select_folder("INBOX", readonly=True)
    since = (datetime.now(UTC) - timedelta(days=LOOKBACK_DAYS)).date()
    uids = sorted(client.search(["SINCE", since, "NOT", "DELETED"]))
    items = ["RFC822.SIZE", "INTERNALDATE", "FLAGS", HEADER_ITEM]
    fetched = 0
    for i in range(0, len(uids), batch):
        fetched += len(client.fetch(uids[i : i + batch], items))
    client.logout()
    return {"seconds": time.perf_counter() - t0, "messages": fetched}


def run_ours(host: str, port: int, user: str, password: str, batch: int) -> dict[str, Any]:
    from dovecot import TestAccount

    from connectors.imap import ImapMailbox
    from connectors.imap_headers import HEADERS_ONLY_WARNING

    account = TestAccount(
        host=host, port=port, username=user, secret=password, lookback_days=LOOKBACK_DAYS
    )
    t0 = time.perf_counter()
    mailbox = ImapMailbox(account, addresses=[USER_ADDRESS], header_batch=batch, progress=None)
    mailbox.connect()
    messages = bodies = batches = 0
    for b in mailbox.changes("INBOX", None):
        batches += 1
        messages += len(b.messages)
        bodies += sum(1 for m in b.messages if HEADERS_ONLY_WARNING not in m.message.warnings)
    mailbox.close()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "messages": messages, "bodies": bodies, "batches": batches}


def child(args: argparse.Namespace) -> None:
    password = os.environ["BENCH_IMAP_PASSWORD"]
    side = run_raw if args.phase == "raw" else run_ours
    result = side("127.0.0.1", args.port, args.user, password, args.batch)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(phase: str, account: DovecotAccount, batch: int) -> dict[str, Any]:
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--phase",
            phase,
            "--port",
            str(account.port),
            "--user",
            account.username,
            "--batch",
            str(batch),
        ],
        env={**os.environ, "BENCH_IMAP_PASSWORD": account.password},
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--job-share", type=float, default=0.02)
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs; best kept")
    parser.add_argument("--batch", type=int, default=HEADER_BATCH, help="UIDs per header FETCH")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--phase", choices=("raw", "ours"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--user", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        child(args)
        return

    with DovecotServer() as server:
        account = DovecotAccount(server, server.add_user("bench"))
        t0 = time.perf_counter()
        jobs = fill_maildir(account.maildir, args.count, args.job_share, args.seed)
        print(
            f"generated {args.count} messages ({jobs} job mail) in {time.perf_counter() - t0:.1f} s"
        )
        t0 = time.perf_counter()
        measure("raw", account, args.batch)  # warm-up: Dovecot builds its index and cache
        print(f"Dovecot indexing (untimed warm-up) took {time.perf_counter() - t0:.1f} s")

        raws: list[dict[str, Any]] = []
        ours: list[dict[str, Any]] = []
        for _ in range(max(1, args.rounds)):
            raws.append(measure("raw", account, args.batch))
            ours.append(measure("ours", account, args.batch))
        raw = min(raws, key=lambda r: r["seconds"])
        our = min(ours, key=lambda r: r["seconds"])

    print(
        f"(a) raw header fetch: {raw['seconds']:.2f} s for {raw['messages']} messages, "
        f"peak RSS {raw['peak_rss_mb']:.0f} MB"
    )
    print(
        f"(b) our first sync:   {our['seconds']:.2f} s for {our['messages']} messages "
        f"({our['bodies']} bodies fetched, {our['batches']} batches), "
        f"peak RSS {our['peak_rss_mb']:.0f} MB"
    )
    ratio = our["seconds"] / raw["seconds"]
    print(
        f"ratio ours/raw: {ratio:.2f} (target <= 1.5); all rounds raw "
        f"{[round(r['seconds'], 2) for r in raws]} ours {[round(r['seconds'], 2) for r in ours]}"
    )
    peak = max(r["peak_rss_mb"] for r in ours)
    print(f"peak RSS of our sync: {peak:.0f} MB (target < 200 MB)")


if __name__ == "__main__":
    main()
