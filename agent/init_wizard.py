"""`followup init`: write a first config, asking only what a preset cannot fill.

Every question has a flag (see `agent.cli`); with `--non-interactive` nothing is asked and a
missing required answer is a usage error. The login is tried before anything is written
(unless `--no-check`); the file is written atomically with mode 0600 and never overwrites an
existing one without `--force`.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import typer
from rich.console import Console

from agent.config import (
    Config,
    default_state_dir,
    detect_local_timezone,
    parse_config,
)
from agent.errors import ConfigError, FollowupError


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    type: str  # the account type it writes
    host: str | None = None
    port: int | None = None
    security: str = "tls"
    auth: str = "password"
    note: str = ""


PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset(
            "gmail", "Gmail (IMAP)", "imap", "imap.gmail.com", 993,
            note="Use an app password (Google Account > Security > 2-Step Verification > App "
            "passwords) from a password command, or auth = xoauth2 with a token command. "
            "For the Gmail API instead, choose gmail-api.",
        ),
        Preset(
            "gmail-api", "Gmail (API, OAuth)", "gmail",
            note="Needs `pip install 'followup[gmail]'` and an OAuth client file (Desktop app) "
            "from Google Cloud. Tokens of apps left in 'testing' mode expire after 7 days.",
        ),
        Preset(
            "outlook", "Outlook / Microsoft 365", "imap", "outlook.office365.com", 993,
            auth="xoauth2",
            note="Microsoft refuses password logins: give a command that prints an OAuth2 "
            "access token (e.g. oama or mutt_oauth2.py), used with auth = xoauth2.",
        ),
        Preset(
            "fastmail", "Fastmail", "imap", "imap.fastmail.com", 993,
            note="Use an app password (Settings > Privacy & Security > App passwords).",
        ),
        Preset(
            "icloud", "iCloud Mail", "imap", "imap.mail.me.com", 993,
            note="Use an app-specific password (appleid.apple.com > Sign-In and Security); "
            "the user name is your full iCloud address.",
        ),
        Preset(
            "yahoo", "Yahoo Mail", "imap", "imap.mail.yahoo.com", 993,
            note="Use an app password (Account security > Generate app password).",
        ),
        Preset("imap", "Other IMAP server", "imap"),
        Preset(
            "exchange", "Exchange (on-premises, EWS)", "exchange",
            note="Needs `pip install 'followup[exchange]'`. For Microsoft 365 choose outlook.",
        ),
        Preset(
            "maildir", "Local Maildir (mbsync, offlineimap, notmuch ...)", "maildir",
            note="followup reads and writes the Maildir++ folder your sync tool keeps.",
        ),
    )
}  # fmt: skip

ALIASES = {
    "google": "gmail",
    "outlook.com": "outlook",
    "office365": "outlook",
    "microsoft365": "outlook",
    "microsoft": "outlook",
    "m365": "outlook",
    "hotmail": "outlook",
    "generic": "imap",
    "ews": "exchange",
}

DEFAULT_ACCOUNT_NAMES = {"imap": "personal", "maildir": "local", "exchange": "work"}


@dataclass
class Answers:
    """Everything the wizard may ask; None means "not given yet"."""

    provider: str | None = None
    name: str | None = None  # the user's full name
    email: str | None = None
    account_name: str | None = None
    username: str | None = None
    host: str | None = None
    port: int | None = None
    security: str | None = None
    auth: str | None = None
    password_command: str | None = None
    password_env: str | None = None
    token_command: str | None = None
    maildir_path: str | None = None
    credentials_file: str | None = None
    server: str | None = None
    timezone: str | None = None
    state_dir: str | None = None
    signature: str | None = None
    extra_addresses: list[str] = field(default_factory=list)


def resolve_provider(value: str) -> Preset:
    key = value.strip().lower()
    key = ALIASES.get(key, key)
    if key not in PRESETS:
        raise ConfigError(f"--provider: unknown provider {value!r} (one of {', '.join(PRESETS)})")
    return PRESETS[key]


def run_wizard(
    answers: Answers,
    path: Path,
    console: Console,
    *,
    interactive: bool,
    force: bool,
    check: bool,
    timeout: float = 10.0,
) -> Path:
    """Ask what is missing, test the login, write the config (0600). Returns its path."""
    if path.exists() and not force:
        raise ConfigError(f"{path} already exists; pass --force to overwrite it")
    ask = _Asker(interactive)
    preset = _choose_provider(answers, ask, console)
    _fill(answers, preset, ask, console)
    text = render_config(answers, preset)
    cfg = parse_config(text, path)  # the same validation `load_config` applies
    if check:
        _test_login(cfg, console, ask, timeout)
    write_config(path, text)
    console.print(f"Wrote {path} (mode 0600).", markup=False, highlight=False, soft_wrap=True)
    console.print(_next_steps(path), markup=False, highlight=False, soft_wrap=True)
    return path


class _Asker:
    """Prompts in interactive mode; in scripts, reports the flag that was missing."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive
        self.missing: list[str] = []

    def text(self, flag: str, question: str, default: str | None = None) -> str | None:
        if not self.interactive:
            if default is None:
                self.missing.append(f"{flag}: required with --non-interactive")
            return default
        answer = typer.prompt(question, default=default if default is not None else None)
        return str(answer).strip()

    def optional(self, question: str, default: str = "") -> str:
        if not self.interactive:
            return default
        return str(typer.prompt(question, default=default, show_default=bool(default))).strip()

    def choice(self, flag: str, question: str, options: list[str], default: str) -> str:
        if not self.interactive:
            return default
        while True:
            answer = str(typer.prompt(f"{question} ({'/'.join(options)})", default=default))
            if answer.strip().lower() in options:
                return answer.strip().lower()
            typer.echo(f"Please answer one of: {', '.join(options)}")

    def confirm(self, question: str, default: bool) -> bool:
        return bool(typer.confirm(question, default=default)) if self.interactive else default

    def raise_missing(self) -> None:
        if self.missing:
            raise ConfigError("followup init: answers missing", lines=self.missing)


def _choose_provider(answers: Answers, ask: _Asker, console: Console) -> Preset:
    if answers.provider:
        return resolve_provider(answers.provider)
    if not ask.interactive:
        if answers.maildir_path:
            return PRESETS["maildir"]
        if answers.host:
            return PRESETS["imap"]
        raise ConfigError("--provider: required with --non-interactive")
    console.print("Which mailbox should followup watch?", markup=False, soft_wrap=True)
    keys = list(PRESETS)
    for number, key in enumerate(keys, 1):
        console.print(
            f"  {number}. {PRESETS[key].label} ({key})",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    picked = typer.prompt(
        "Provider (number or name)", default="1", show_default=True, type=str
    ).strip()
    if picked.isdigit() and 1 <= int(picked) <= len(keys):
        return PRESETS[keys[int(picked) - 1]]
    return resolve_provider(picked)


def _fill(answers: Answers, preset: Preset, ask: _Asker, console: Console) -> None:
    if preset.note:
        console.print(
            f"{preset.label}: {preset.note}", markup=False, highlight=False, soft_wrap=True
        )
    answers.provider = preset.key
    if answers.name is None:
        answers.name = ask.optional("Your full name (for signatures)")
    if answers.email is None:
        if preset.type == "maildir":
            answers.email = ask.optional("Your email address (mail from it counts as yours)")
        else:
            answers.email = ask.text("--email", "Your email address")
    if answers.account_name is None:
        default_name = DEFAULT_ACCOUNT_NAMES.get(preset.key, preset.key)
        answers.account_name = ask.optional("A short name for this account", default_name)
    if preset.type == "imap":
        _fill_imap(answers, preset, ask)
    elif preset.type == "maildir":
        if answers.maildir_path is None:
            answers.maildir_path = ask.text("--maildir-path", "Path of the Maildir", "~/Mail")
    elif preset.type == "exchange":
        if answers.server is None:
            answers.server = ask.optional("Exchange server (empty: autodiscover)") or None
        if answers.username is None:
            answers.username = ask.optional("Login name (empty: the email address)") or None
        _fill_password(answers, ask)
    elif preset.type == "gmail":
        if answers.credentials_file is None:
            answers.credentials_file = ask.text(
                "--credentials-file", "OAuth client file from Google Cloud (JSON)"
            )
    if answers.timezone is None:
        answers.timezone = ask.optional("Your time zone", detect_local_timezone())
    if answers.state_dir is None:
        answers.state_dir = _home_relative(default_state_dir())
    ask.raise_missing()


def _fill_imap(answers: Answers, preset: Preset, ask: _Asker) -> None:
    if answers.host is None:
        answers.host = preset.host or ask.text("--host", "IMAP server host name")
    if answers.security is None:
        answers.security = (
            preset.security
            if preset.host
            else ask.choice("--security", "Connection security", ["tls", "starttls", "none"], "tls")
        )
    if answers.port is None and not preset.host:
        default_port = "993" if answers.security == "tls" else "143"
        answers.port = int(ask.optional("Port", default_port) or default_port)
    if answers.username is None:
        answers.username = ask.optional("Login name", answers.email or "") or answers.email
        if not answers.username and answers.email:  # no email: that one is reported already
            ask.missing.append("--username: required with --non-interactive")
    if answers.auth is None:
        answers.auth = "xoauth2" if answers.token_command else preset.auth
    if answers.auth == "xoauth2":
        if answers.token_command is None:
            answers.token_command = ask.text(
                "--token-command", "Command that prints an OAuth2 access token"
            )
        return
    _fill_password(answers, ask)


def _fill_password(answers: Answers, ask: _Asker) -> None:
    if answers.password_command or answers.password_env:
        return
    if not ask.interactive:
        ask.missing.append("--password-command or --password-env: required with --non-interactive")
        return
    how = ask.choice(
        "--password-command",
        "Where does the password come from (a command such as `pass show mail`, or an "
        "environment variable)?",
        ["command", "env"],
        "command",
    )
    if how == "command":
        answers.password_command = ask.text("--password-command", "Password command")
    else:
        answers.password_env = ask.text(
            "--password-env", "Environment variable", "FOLLOWUP_PASSWORD"
        )


def render_config(answers: Answers, preset: Preset) -> str:
    """The TOML text of the config, commented."""
    addresses = [a for a in [answers.email, *answers.extra_addresses] if a]
    signature = answers.signature if answers.signature is not None else answers.name or ""
    lines = [
        "# followup configuration, written by `followup init`.",
        "# Every key is described in config.example.toml; check it with `followup doctor`.",
        "",
        "[agent]",
        f"state_dir = {_q(answers.state_dir or _home_relative(default_state_dir()))}",
        f"timezone = {_q(answers.timezone or 'UTC')}",
        "",
        "[profile]",
        f"name = {_q(answers.name or '')}",
        f"addresses = [{', '.join(_q(a) for a in addresses)}]",
        f"signature = {_q(signature)}",
        "recent_updates = []                    # things learned since your interviews",
        "",
        "[policy]",
        "after_application_days = 10",
        "after_phone_screen_business_days = 5",
        "after_interview_days = 8",
        "stated_date_grace_business_days = 1",
        "max_followups = 2",
        "",
        "[report]",
        'weekday = "mon"',
        'time = "08:00"',
        'deliver = "mailbox"                    # put the weekly email into your own Inbox',
        'to = ""                                # default: the first profile address',
        "",
        f"# {preset.label}",
        "[[accounts]]",
        f"name = {_q(answers.account_name or preset.key)}",
        f"type = {_q(preset.type)}",
    ]
    if preset.type == "imap":
        security = answers.security or preset.security
        port = answers.port or preset.port or (993 if security == "tls" else 143)
        lines += [
            f"host = {_q(answers.host or '')}",
            f"port = {port}",
            f"security = {_q(security)}",
            f"username = {_q(answers.username or answers.email or '')}",
            f"auth = {_q(answers.auth or preset.auth)}",
        ]
        if (answers.auth or preset.auth) == "xoauth2":
            lines.append(f"token_command = {_q(answers.token_command or '')}")
        else:
            lines += _password_lines(answers)
        lines += [
            'folders = ["INBOX"]                    # Sent and Drafts are found by SPECIAL-USE',
            "idle = true",
        ]
    elif preset.type == "maildir":
        lines += [
            f"path = {_q(answers.maildir_path or '')}",
            'folders = ["INBOX"]',
        ]
    elif preset.type == "exchange":
        lines.append(f"email = {_q(answers.email or '')}")
        if answers.server:
            lines.append(f"server = {_q(answers.server)}")
        if answers.username:
            lines.append(f"username = {_q(answers.username)}")
        lines += _password_lines(answers)
    elif preset.type == "gmail":
        lines.append(f"credentials_file = {_q(answers.credentials_file or '')}")
    return "\n".join(lines) + "\n"


def _password_lines(answers: Answers) -> list[str]:
    if answers.password_command:
        return [f"password_command = {_q(answers.password_command)}"]
    return [f"password_env = {_q(answers.password_env or '')}"]


def _test_login(cfg: Config, console: Console, ask: _Asker, timeout: float) -> None:
    from agent.doctor import check_account

    console.print("Testing the login ...", markup=False, soft_wrap=True)
    failed = False
    for account in cfg.accounts:
        for check in check_account(account, timeout):
            console.print(check.line(), markup=False, highlight=False, soft_wrap=True)
            failed = failed or not check.ok
    if not failed:
        return
    if ask.interactive and ask.confirm("The test failed. Write the config anyway?", False):
        return
    raise FollowupError("login test failed; nothing written (fix the answers, or pass --no-check)")


def write_config(path: Path, text: str) -> None:
    """Write atomically with mode 0600 (the folder is created 0700)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _next_steps(path: Path) -> str:
    flag = f" --config {path}" if path != _default_path() else ""
    return (
        "Next:\n"
        f"  followup{flag} doctor      # checks the login, folders and state dir\n"
        f"  followup{flag} run         # the agent, in the foreground\n"
        "  systemctl --user enable --now followup   # or keep it running under systemd"
    )


def _default_path() -> Path:
    from agent.config import default_config_path

    return default_config_path()


def _home_relative(path: Path) -> str:
    home = Path.home()
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)


def _q(value: str) -> str:
    # JSON strings are TOML basic strings, except that TOML also wants DEL escaped.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
