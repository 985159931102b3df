"""`followup doctor`: check the config, the state dir, every account and the report schedule.

One line per check, `ok` or `FAIL`; the exit code is 1 if any check failed. Each account is
checked in a worker thread with a deadline, so an unreachable server fails fast instead of
hanging the command.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.text import Text

from agent.clock import Clock
from agent.config import AccountConfig, Config, ensure_state_dir
from agent.errors import FollowupError

DEFAULT_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Check:
    ok: bool
    label: str
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'} {self.label}: {self.detail}"


def run_doctor(
    cfg: Config, clock: Clock, out: Console, *, timeout: float = DEFAULT_TIMEOUT_SECONDS
) -> int:
    """Print every check as it completes; returns 0 if all passed, else 1."""
    failed = False

    def emit(check: Check) -> None:
        nonlocal failed
        failed = failed or not check.ok
        mark = Text("ok  ", style="green") if check.ok else Text("FAIL", style="bold red")
        out.print(Text.assemble(mark, " ", f"{check.label}: {check.detail}"), soft_wrap=True)

    source = str(cfg.path) if cfg.path else "(built in code)"
    emit(Check(True, "config", f"loaded {source} ({_count(len(cfg.accounts), 'account')})"))
    emit(check_state_dir(cfg))
    now = clock.now()
    emit(Check(True, "timezone", f"{cfg.agent.timezone} (now {_local(now, cfg)})"))
    emit(check_profile(cfg))
    if cfg.templates.dir is not None:
        exists = cfg.templates.dir.is_dir()
        emit(Check(exists, "templates", f"{cfg.templates.dir}" + ("" if exists else " not found")))
    for check in check_report(cfg, now, timeout):
        emit(check)
    if not cfg.accounts:
        emit(Check(False, "accounts", "none configured: add an [[accounts]] section"))
    for account in cfg.accounts:
        for check in check_account(account, timeout):
            emit(check)
    return 1 if failed else 0


def check_state_dir(cfg: Config) -> Check:
    path = cfg.agent.state_dir
    label = "state dir"
    if path.exists():
        if not path.is_dir():
            return Check(False, label, f"{path} exists but is not a folder")
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            return Check(
                False, label, f"{path} is mode {mode:04o}; restrict it with `chmod 700 {path}`"
            )
        if not os.access(path, os.W_OK | os.X_OK):
            return Check(False, label, f"{path} is not writable")
        return Check(True, label, f"{path} (mode {mode:04o})")
    try:
        ensure_state_dir(cfg)
    except FollowupError as exc:
        return Check(False, label, str(exc))
    return Check(True, label, f"{path} created (mode 0700)")


def check_profile(cfg: Config) -> Check:
    if not cfg.profile.addresses:
        return Check(False, "profile", "profile.addresses is empty: list your own email addresses")
    return Check(True, "profile", ", ".join(cfg.profile.addresses))


def check_report(cfg: Config, now: datetime, timeout: float) -> list[Check]:
    report = cfg.report
    slot = report.next_after(now, cfg.tz)
    when = slot.strftime("%a %Y-%m-%d %H:%M %Z")
    checks = []
    recipient = cfg.report_to
    if not recipient:
        checks.append(Check(False, "report", "no recipient: set report.to or profile.addresses"))
    elif report.deliver == "mailbox" and not cfg.accounts:
        checks.append(Check(False, "report", 'deliver = "mailbox" needs an account'))
    else:
        target = f"{cfg.accounts[0].name}'s Inbox" if report.deliver == "mailbox" else "SMTP"
        checks.append(
            Check(True, "report", f"next weekly report {when}, to {recipient} via {target}")
        )
    if report.deliver == "smtp" and report.smtp is not None:
        checks.extend(_deadline("report.smtp", lambda: [_check_smtp(cfg, timeout)], timeout))
    return checks


def _check_smtp(cfg: Config, timeout: float) -> Check:
    smtp = cfg.report.smtp
    assert smtp is not None and smtp.port is not None
    label = "report.smtp"
    try:
        password = smtp.password().get_secret_value() if smtp.username else ""
        context = ssl.create_default_context()
        client: smtplib.SMTP
        if smtp.security == "tls":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=context)
            if smtp.username:
                client.login(smtp.username, password)
    except FollowupError as exc:
        return Check(False, label, str(exc))
    except smtplib.SMTPAuthenticationError:
        return Check(False, label, f"{smtp.host}:{smtp.port}: login refused for {smtp.username}")
    except (OSError, smtplib.SMTPException) as exc:
        return Check(False, label, f"{smtp.host}:{smtp.port}: {_describe(exc)}")
    who = f" as {smtp.username}" if smtp.username else ""
    return Check(True, label, f"{smtp.host}:{smtp.port} ({smtp.security}) reachable{who}")


def check_account(account: AccountConfig, timeout: float) -> list[Check]:
    """Every check of one account, stopped after `timeout` seconds."""
    return _deadline(f"account {account.name}", lambda: _account_steps(account), timeout)


def _account_steps(account: AccountConfig) -> Iterator[Check]:
    from connectors import load_connector

    label = f"account {account.name}"
    try:
        mailbox = load_connector(account)
    except FollowupError as exc:
        yield Check(False, label, str(exc))
        return
    yield Check(True, label, f"{account.type} connector loaded ({_where(account)})")
    try:
        mailbox.connect()
    except FollowupError as exc:
        yield Check(False, f"{label} login", str(exc))
        return
    except Exception as exc:  # a connector bug must not hide the other accounts' checks
        yield Check(False, f"{label} login", _describe(exc))
        return
    try:
        yield Check(True, f"{label} login", "ok" if account.type != "maildir" else "opened")
        if account.type == "gmail":
            yield Check(
                True,
                f"{label} oauth",
                "note: Google expires the tokens of OAuth apps left in 'testing' mode after "
                "7 days; publish the app (it can stay unverified) to keep the login",
            )
        try:
            folders = mailbox.folders()
        except Exception as exc:
            yield Check(False, f"{label} folders", _describe(exc))
            return
        how = folders.how
        parts = [f"Inbox={folders.inbox} ({how.get('inbox', 'default')})"]
        for role, name in (("sent", folders.sent), ("drafts", folders.drafts)):
            if name is None:
                parts.append(f"{role.title()}=not found (set {role}_folder)")
            else:
                parts.append(f"{role.title()}={name} ({how.get(role, 'found')})")
        watched = ", ".join(folders.watched)
        found_all = folders.drafts is not None and folders.sent is not None
        yield Check(found_all, f"{label} folders", "; ".join(parts) + f"; watching {watched}")
        yield _push_check(account, mailbox, label)
    finally:
        try:
            mailbox.close()
        except Exception:  # close() must not raise, but doctor never trusts that
            pass


def _push_check(account: AccountConfig, mailbox: Any, label: str) -> Check:
    poll = getattr(account, "poll_seconds", None)
    every = f"every {poll} s" if poll else "on a timer"
    if not getattr(mailbox, "supports_push", False):
        return Check(True, f"{label} push", f"not supported by this connector: polling {every}")
    if not getattr(account, "idle", True):
        return Check(True, f"{label} push", f"IDLE switched off (idle = false): polling {every}")
    server = _server_push(mailbox)
    if server is False:
        return Check(True, f"{label} push", f"the server has no IDLE: polling {every}")
    method = "IDLE" if account.type == "imap" else "push notifications"
    return Check(True, f"{label} push", f"{method} supported: new mail is seen at once")


def _server_push(mailbox: Any) -> bool | None:
    """Whether the connected server offers push (IDLE); None when the connector cannot tell."""
    hook = getattr(mailbox, "push_available", None)
    try:
        if callable(hook):
            return bool(hook())
        # The IMAP connector keeps the server's capabilities on its connection.
        conn = getattr(mailbox, "_conn", None)
        if conn is not None and callable(getattr(conn, "has", None)):
            return bool(conn.has("IDLE"))
    except Exception:  # asking is best effort; the daemon falls back to polling anyway
        return None
    return None


def _where(account: AccountConfig) -> str:
    if account.type == "imap":
        return f"{account.host}:{account.port}, {account.security}, as {account.username}"
    if account.type == "maildir":
        return str(account.path)
    if account.type == "exchange":
        return f"{account.email}, " + (account.server or "autodiscover")
    return account.name


def _deadline(label: str, work: Callable[[], Iterable[Check]], timeout: float) -> list[Check]:
    """Run `work` in a daemon thread; checks finished in time are kept, and a missed deadline
    becomes a FAIL line."""
    done: list[Check] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            for check in work():
                done.append(check)
        except BaseException as exc:  # reported below as a failed check
            errors.append(exc)

    worker = threading.Thread(target=target, name=f"doctor {label}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        return [
            *list(done),
            Check(False, label, f"no answer within {timeout:g} s (server unreachable?)"),
        ]
    if errors:
        return [*done, Check(False, label, _describe(errors[0]))]
    return done


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _local(moment: datetime, cfg: Config) -> str:
    return moment.astimezone(cfg.tz).strftime("%Y-%m-%d %H:%M %Z")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
