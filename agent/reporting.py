"""Building and delivering the weekly status email (to the user, and only the user)."""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from email.message import EmailMessage
from typing import TYPE_CHECKING

from agent.errors import ConfigError, TransientError
from agent.export import export_xlsx_bytes
from agent.report.builder import build_report
from agent.status import event_views, process_views

if TYPE_CHECKING:
    from agent.engine import Engine


def report_message_id(slot: str, user_address: str) -> str:
    """Fixed per slot, so a delivery interrupted by a crash can be recognised later."""
    digest = hashlib.sha1(slot.encode()).hexdigest()[:12]
    domain = user_address.rsplit("@", 1)[-1] if "@" in user_address else "followup.invalid"
    return f"followup-report.{slot}.{digest}@{domain}"


def report_recipient(engine: Engine) -> str:
    to = engine.cfg.report.to or engine.profile.address
    if not to:
        raise ConfigError("report.to: no address to send the report to (set profile.addresses)")
    return to


def make_report(engine: Engine) -> EmailMessage:
    now = engine.clock.now()
    views = process_views(engine.repo, engine.settings, engine.tz, now, include_closed=True)
    events = event_views(engine.repo)
    xlsx = export_xlsx_bytes(views, events, engine.tz)
    return build_report(
        views,
        events,
        now=now,
        tz=engine.tz,
        user_name=engine.profile.name,
        to_addr=report_recipient(engine),
        xlsx=xlsx,
    )


def deliver_report(engine: Engine, slot: str, message_id: str) -> str:
    """Deliver this slot's report; returns where it went."""
    msg = make_report(engine)
    del msg["Message-ID"]
    msg["Message-ID"] = f"<{message_id}>"
    if engine.cfg.report.deliver == "smtp":
        return _smtp(engine, msg)
    account = engine.cfg.accounts[0].name
    engine.mailbox(account).deliver_to_inbox(msg)
    return f"the Inbox of {account}"


def _smtp(engine: Engine, msg: EmailMessage) -> str:
    smtp = engine.cfg.report.smtp
    if smtp is None:
        raise ConfigError('report.smtp: needed when report.deliver = "smtp"')
    to = report_recipient(engine)
    port = smtp.port or {"tls": 465, "starttls": 587, "none": 25}[smtp.security]
    try:
        if smtp.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                smtp.host, port, timeout=30, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(smtp.host, port, timeout=30)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if smtp.username:
                client.login(smtp.username, smtp.password().get_secret_value())
            # The envelope names the user alone, whatever the headers say.
            client.send_message(msg, from_addr=to, to_addrs=[to])
    except (OSError, smtplib.SMTPException) as exc:
        raise TransientError(f"report.smtp: {smtp.host}:{port}: {exc}") from exc
    return f"{to} by SMTP"
