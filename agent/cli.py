"""The `followup` command line: a thin layer over `agent.service`.

Every command runs through `_guarded`, the one place errors become exit codes:
ConfigError -> each of its lines on stderr, exit 2; other FollowupErrors -> one line, their
exit code (1); Ctrl-C -> 130; anything unexpected -> one line and a hint to rerun with -v
(the traceback only with -v). Usage errors exit 2 (typer.s own handling).
"""

from __future__ import annotations

import functools
import json
import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console

from agent import __version__
from agent.cli_logging import redact, setup_logging
from agent.errors import ConfigError, FollowupError, NotImplementedYet

if TYPE_CHECKING:  # keeps `import agent.cli` light: commands import what they use
    from agent.config import Config

log = logging.getLogger("followup.cli")

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="followup",
    help=(
        "Keeps job interview processes from silently dying: watches your mailbox, tracks each "
        "hiring process and drafts polite follow-ups into your Drafts folder. It never sends "
        "mail to anyone but you."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class LogFormat(StrEnum):
    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class Outcome(StrEnum):
    rejected = "rejected"
    offer = "offer"
    withdrawn = "withdrawn"


class Security(StrEnum):
    tls = "tls"
    starttls = "starttls"
    none = "none"


class Auth(StrEnum):
    password = "password"
    xoauth2 = "xoauth2"


# Typer's own exceptions (click's, in typer versions that still depend on click) carry their
# exit codes already and must pass through the handler untouched.
_ClickException: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)
_UsageError: Callable[[str], Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError"
)
_PASSTHROUGH = (typer.Exit, typer.Abort, _ClickException)


@dataclass
class Globals:
    """The global options, shared with every command through the typer context."""

    config: str | None = None
    verbose: bool = False
    log_format: str = "text"
    _cfg: Any = field(default=None, repr=False)

    def config_path(self) -> Path:
        from agent.config import config_path_from

        return config_path_from(self.config)

    def load(self) -> Config:
        if self._cfg is None:
            from agent.config import load_config

            self._cfg = load_config(self.config)
        return self._cfg


# ---------------------------------------------------------------------------------------------
# Output and the error handler

out = Console(highlight=False, soft_wrap=True)  # long lines stay whole when piped
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _say_error(line: str) -> None:
    # Plain write: rich would wrap long lines and read brackets in key paths as markup.
    sys.stderr.write(redact(line).rstrip("\n") + "\n")
    sys.stderr.flush()


# Set by the app callback on every invocation, before any command runs.
_current = Globals()


def _globals() -> Globals:
    return _current


def _guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Run a command and turn whatever it raises into a clear line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except _PASSTHROUGH:
            raise
        except ConfigError as exc:
            for line in exc.lines:
                _say_error(line)
            raise typer.Exit(exc.exit_code) from None
        except NotImplementedYet as exc:
            _say_error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except FollowupError as exc:
            _say_error(f"followup: {exc}")
            if _globals().verbose:
                sys.stderr.write(redact(traceback.format_exc()))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _say_error("followup: interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:
            detail = str(exc).strip().splitlines()
            what = f"{type(exc).__name__}: {detail[0]}" if detail else type(exc).__name__
            if _globals().verbose:
                sys.stderr.write(redact(traceback.format_exc()))
                _say_error(f"followup: unexpected error: {what}")
            else:
                _say_error(f"followup: unexpected error: {what} (rerun with -v for details)")
            raise typer.Exit(1) from None

    return wrapper


def _usage(message: str) -> NoReturn:
    raise _UsageError(message)


def _clock(running: bool = False) -> Any:
    from agent.clock import clock_from_env

    return clock_from_env(running=running)


# ---------------------------------------------------------------------------------------------
# Global options


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"followup {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    ctx: typer.Context,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            metavar="PATH",
            help="Config file (default: $FOLLOWUP_CONFIG, else the platform config dir's "
            "followup/config.toml).",
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Debug logging and tracebacks on errors.")
    ] = False,
    log_format: Annotated[
        LogFormat, typer.Option("--log-format", help="Log lines on stderr as text or JSON.")
    ] = LogFormat.text,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Keeps job interview processes from silently dying.

    Watches your mailbox, keeps one record per hiring process, and when a company goes quiet
    puts a polite threaded follow-up draft into your Drafts folder. It never sends mail to
    anyone but you.
    """
    global _current
    _current = Globals(config=config, verbose=verbose, log_format=log_format.value)
    ctx.obj = _current
    # The daemon reports what it does at INFO; one-shot commands only warn.
    level = logging.INFO if ctx.invoked_subcommand == "run" else logging.WARNING
    setup_logging(verbose=verbose, fmt=log_format.value, level=level)


# ---------------------------------------------------------------------------------------------
# Commands


@app.command()
@_guarded
def init(
    provider: Annotated[
        str | None,
        typer.Option(
            help="gmail, gmail-api, outlook (Microsoft 365), fastmail, icloud, yahoo, imap, "
            "exchange or maildir.",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="Your full name (signature, salutations).")
    ] = None,
    email: Annotated[str | None, typer.Option(help="Your email address.")] = None,
    account_name: Annotated[
        str | None, typer.Option(help="A short name for the account (default from provider).")
    ] = None,
    username: Annotated[
        str | None, typer.Option(help="Login name (default: the email address).")
    ] = None,
    host: Annotated[str | None, typer.Option(help="IMAP server (generic IMAP).")] = None,
    port: Annotated[int | None, typer.Option(help="IMAP port (993 for tls, else 143).")] = None,
    security: Annotated[
        Security | None,
        typer.Option(help="tls, starttls or none (none: loopback hosts only).", show_default=False),
    ] = None,
    auth: Annotated[
        Auth | None,
        typer.Option(help="IMAP login: password or xoauth2.", show_default=False),
    ] = None,
    password_command: Annotated[
        str | None, typer.Option(help="Shell command printing the password, e.g. 'pass show mail'.")
    ] = None,
    password_env: Annotated[
        str | None, typer.Option(help="Environment variable holding the password.")
    ] = None,
    token_command: Annotated[
        str | None, typer.Option(help="Command printing an OAuth2 access token (xoauth2).")
    ] = None,
    maildir_path: Annotated[str | None, typer.Option(help="Maildir++ folder (maildir).")] = None,
    credentials_file: Annotated[
        str | None, typer.Option(help="OAuth client JSON file (gmail-api).")
    ] = None,
    server: Annotated[
        str | None, typer.Option(help="Exchange server (exchange; empty: autodiscover).")
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(help="Your IANA time zone (default: the system's).")
    ] = None,
    state_dir: Annotated[
        str | None, typer.Option(help="Where the database lives (default: platform state dir).")
    ] = None,
    signature: Annotated[
        str | None, typer.Option(help="Signature under drafts (default: your name).")
    ] = None,
    non_interactive: Annotated[
        bool,
        typer.Option(
            "--non-interactive", "--yes", "-y", help="Ask nothing; missing answers are errors."
        ),
    ] = False,
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Test the login before writing.")
    ] = True,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing config.")] = False,
) -> None:
    """Write a config from a provider preset (asks, or takes flags).

    Providers: Gmail, Outlook/Microsoft 365, Fastmail, iCloud, Yahoo, generic IMAP, Exchange,
    Maildir. The login is tested before anything is written (skip with --no-check). The file goes to
    --config PATH (else $FOLLOWUP_CONFIG, else the default location) with mode 0600.
    """
    from agent.init_wizard import Answers, run_wizard

    answers = Answers(
        provider=provider,
        name=name,
        email=email,
        account_name=account_name,
        username=username,
        host=host,
        port=port,
        security=security.value if security else None,
        auth=auth.value if auth else None,
        password_command=password_command,
        password_env=password_env,
        token_command=token_command,
        maildir_path=maildir_path,
        credentials_file=credentials_file,
        server=server,
        timezone=timezone,
        state_dir=state_dir,
        signature=signature,
    )
    run_wizard(
        answers,
        _globals().config_path(),
        out,
        interactive=not non_interactive,
        force=force,
        check=check,
    )


@app.command()
@_guarded
def doctor(
    timeout: Annotated[
        float, typer.Option(help="Seconds allowed per account before it counts as failed.")
    ] = 10.0,
) -> None:
    """Check the config, state dir, each account's login and folders.

    Also shows push (IDLE) support and the time of the next weekly report. One line per
    check, ok or FAIL; exit 1 if any check fails.
    """
    from agent.doctor import run_doctor

    cfg = _globals().load()
    code = run_doctor(cfg, _clock(), out, timeout=timeout)
    raise typer.Exit(code)


@app.command()
@_guarded
def run(
    once: Annotated[
        bool,
        typer.Option(
            "--once",
            help="One full cycle (sync every account, infer, update processes, create/retract "
            "drafts, send a due weekly report), then exit.",
        ),
    ] = False,
) -> None:
    """Run the agent in the foreground (what systemd starts).

    Watches every account, drafts and retracts follow-ups as they fall due and sends the
    weekly report. SIGTERM stops it, SIGHUP reloads the config. --once: one cycle, then exit.
    """
    from agent import service

    g = _globals()
    cfg = g.load()
    if once:
        counters = service.run_once(cfg, _clock())
        summary = ", ".join(f"{key}={value}" for key, value in counters.items())
        out.print(f"cycle done: {summary}" if summary else "cycle done", markup=False)
        return
    _clock(running=True)  # a bad FOLLOWUP_NOW is a config error before anything starts
    raise typer.Exit(service.run_daemon(cfg, g.config_path()))


@app.command()
@_guarded
def status(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON array of processes, nothing else.")
    ] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Include closed processes.")] = False,
) -> None:
    """Show one row per open process (--all: closed ones too).

    Columns: company, role, stage, state, last contact, next follow-up due and why, draft
    state. --json prints one JSON array and nothing else.
    """
    from agent import service
    from agent.cli_render import status_table

    cfg = _globals().load()
    clock = _clock()
    views = service.status(cfg, clock, show_all)
    if as_json:
        sys.stdout.write(json.dumps(service.status_json(cfg, views), indent=2) + "\n")
        return
    if not views:
        out.print("No open processes." if not show_all else "No processes yet.")
        return
    table = status_table(views, cfg.tz, clock.now().astimezone(cfg.tz).date())
    # Piped output (a file, a test) keeps whole rows instead of folding to 80 columns.
    wide = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    wide.print(table)


@app.command()
@_guarded
def report(
    send: Annotated[
        bool,
        typer.Option(
            "--send/--print",
            help="--print (default) writes the weekly email to stdout as text; --send "
            "delivers it now.",
        ),
    ] = False,
) -> None:
    """Build the weekly status email now.

    --print (the default) writes it to stdout as text; --send delivers it.
    """
    from agent import service
    from agent.cli_render import report_text

    cfg = _globals().load()
    clock = _clock()
    if send:
        out.print(service.send_report(cfg, clock), markup=False)
        return
    text = report_text(service.build_report(cfg, clock))
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
@_guarded
def export(
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", help="csv or xlsx (default: from the file name).", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Where to write.", show_default=False),
    ] = None,
) -> None:
    """Export the follow-up history as csv or xlsx.

    One sheet of processes and one of events (csv: one file each).
    """
    from agent import service

    if output is None:
        _usage("give the file to write with -o/--output FILE")
    chosen = fmt.value if fmt is not None else output.suffix.lower().lstrip(".")
    if chosen not in ("csv", "xlsx"):
        _usage("give --format csv or --format xlsx (or an -o FILE ending in .csv or .xlsx)")
    cfg = _globals().load()
    for path in service.export(cfg, _clock(), chosen, output):
        out.print(f"wrote {path}", markup=False)


@app.command()
@_guarded
def classify(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE.eml...", help="Messages as raw RFC 5322 files.", show_default=False
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per line, in input order.")
    ] = False,
    jsonl: Annotated[
        Path | None,
        typer.Option(
            "--jsonl",
            metavar="FILE",
            help='Messages as JSON lines {"id","subject","from_name","from_addr","date","body"}.',
            show_default=False,
        ),
    ] = None,
) -> None:
    """Classify messages without a mailbox (no config needed).

    For each message: label, confidence, company, role, stage, interview time, timeline and
    the due date it resolves to, contact, channel and evidence. --json: one JSON object per
    line, in input order; a message that cannot be read gets a line with an "error" key.
    """
    if not files and jsonl is None:
        _usage("give one or more FILE.eml, or --jsonl FILE")
    try:
        from agent.infer.output import classify_inputs
    except ImportError as exc:
        raise NotImplementedYet("followup classify is not implemented yet") from exc
    from agent.cli_render import classify_line

    for result in classify_inputs(list(files or []), jsonl, _classify_tz()):
        line = json.dumps(result, ensure_ascii=False) if as_json else classify_line(result)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def _classify_tz() -> Any:
    """The config's time zone if a config loads; UTC otherwise (classify needs no config)."""
    try:
        return _globals().load().tz
    except FollowupError as exc:
        log.debug("classify: no usable config (%s); using UTC", exc)
    except Exception as exc:  # a broken config must never block classify
        log.debug("classify: config failed to load (%s); using UTC", exc)
    return UTC


@app.command()
@_guarded
def close(
    process: Annotated[str, typer.Argument(metavar="PROCESS", help="Process id (see status).")],
    outcome: Annotated[
        Outcome, typer.Option("--as", help="rejected, offer or withdrawn.", show_default=False)
    ],
) -> None:
    """Close a process yourself: rejected, offer or withdrawn."""
    from agent import service

    view = service.close_process(_globals().load(), _clock(), process, outcome.value)
    out.print(f"{view.company} ({view.id}): closed as {view.state}", markup=False)


@app.command()
@_guarded
def reopen(
    process: Annotated[str, typer.Argument(metavar="PROCESS", help="Process id (see status).")],
) -> None:
    """Reopen a closed process."""
    from agent import service

    view = service.reopen_process(_globals().load(), _clock(), process)
    out.print(f"{view.company} ({view.id}): reopened, now {view.state}", markup=False)


@app.command()
@_guarded
def confirm(
    process: Annotated[str, typer.Argument(metavar="PROCESS", help="Process id (see status).")],
) -> None:
    """Accept a pending low-confidence verdict (rejection or offer)."""
    from agent import service

    view = service.confirm_process(_globals().load(), _clock(), process)
    out.print(f"{view.company} ({view.id}): confirmed, now {view.state}", markup=False)


@app.command()
@_guarded
def demo(
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Keep the generated Maildir and state here (default: a temporary folder).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the whole product on a generated demo mailbox.

    Needs no account: it builds a local Maildir and simulates weeks of mail.

    Prints the timeline of what it saw and did, the drafts and the weekly email it wrote.
    """
    from agent import service

    raise typer.Exit(service.run_demo(out_dir))


def main() -> None:
    """Console-script entry point."""
    app(prog_name="followup")
