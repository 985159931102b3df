"""A private Dovecot for tests and benchmarks.

Each `DovecotServer` lives in its own temporary directory with its own config, listens on free
loopback ports (plain IMAP with STARTTLS, and IMAPS with a self-signed certificate made at start),
logs to a file there, and never touches the system's Dovecot, its config or systemd.

Mail users live in one passwd-file each, so tests can add a fresh user per test instead of
cleaning mailboxes. `imap-login` refuses to run as root, so when we are
root the mail belongs to a non-root user (`followuptest` when the install script made it, else
`nobody`) and Dovecot's own `dovenull`/`dovecot` users run the helper processes; when we are not
root everything runs as ourselves.
"""

from __future__ import annotations

import contextlib
import grp
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from imapclient import IMAPClient

HOST = "127.0.0.1"
OTHER_HOST = "127.0.0.2"  # also loopback, but not in the certificate
START_TIMEOUT = 20.0  # seconds; Dovecot normally listens within a few hundred ms
MAIL_USER_CANDIDATES = ("followuptest", "nobody")


def _binary(name: str) -> str:
    """Find a Dovecot binary; /usr/sbin is often missing from a non-root PATH."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/usr/local/sbin")
    if not found:
        raise RuntimeError(
            f"{name} not found: run scripts/install-test-deps.sh (installs dovecot-imapd)"
        )
    return found


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _mail_owner() -> tuple[int, int]:
    """(uid, gid) that owns the test mail: ourselves, or a non-root user when we are root."""
    if os.geteuid() != 0:
        return os.getuid(), os.getgid()
    for name in MAIL_USER_CANDIDATES:
        with contextlib.suppress(KeyError):
            entry = pwd.getpwnam(name)
            return entry.pw_uid, entry.pw_gid
    raise RuntimeError("no non-root user for the test mail: run scripts/install-test-deps.sh")


@dataclass
class MailUser:
    """One mail account on the test server."""

    name: str
    password: str
    home: Path  # the user's Maildir (INBOX at the root, .Drafts and .Sent beside)


@dataclass
class DovecotServer:
    """One private Dovecot. Use `start()`/`stop()`, or as a context manager."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="followup-dovecot-")))
    port: int = field(default_factory=free_port)
    tls_port: int = field(default_factory=free_port)
    host: str = HOST
    _proc: subprocess.Popen[bytes] | None = None
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    # ---- layout -------------------------------------------------------------------------
    @property
    def conf(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def log_file(self) -> Path:
        return self.root / "dovecot.log"

    @property
    def ca_file(self) -> Path:
        """The self-signed certificate: the trust anchor a client needs for `tls_port`."""
        return self.root / "cert.pem"

    @property
    def mail_root(self) -> Path:
        return self.root / "mail"

    @property
    def passwd_dir(self) -> Path:
        """One passwd-file per user: Dovecot reads each the first time the user logs in, so a
        user added a moment ago is never hidden behind a stale copy of one shared file."""
        return self.root / "users"

    # ---- lifecycle ----------------------------------------------------------------------
    def __enter__(self) -> DovecotServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Write the config (first time only) and start Dovecot; returns once it accepts."""
        if not self.conf.exists():
            self._prepare()
        log = (self.root / "master.out").open("ab")
        self._proc = subprocess.Popen(
            [_binary("dovecot"), "-F", "-c", str(self.conf)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C in the test run must not reach it first
        )
        log.close()
        self._wait_until_listening()

    def stop(self, graceful: bool = False) -> None:
        """Stop Dovecot and every process it started.

        By default the whole process group is killed at once, like a crash or a pulled cable:
        clients see their connection drop without a BYE, and it takes milliseconds. With
        `graceful=True` the master gets SIGTERM and says BYE to clients (takes 1 to 6 s).
        """
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        if graceful:
            proc.send_signal(signal.SIGTERM)
        else:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: see start()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        self._wait_until_closed()

    def restart(self, graceful: bool = False) -> None:
        """Stop and start on the same ports: every client connection is dropped."""
        self.stop(graceful=graceful)
        self.start()

    def close(self) -> None:
        """Stop and remove the directory."""
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def log_tail(self, lines: int = 20) -> str:
        texts = []
        for path in (self.root / "master.out", self.log_file):
            if path.exists():
                texts.extend(path.read_text(errors="replace").splitlines()[-lines:])
        return "\n".join(texts)

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        pending = {self.port, self.tls_port}
        while pending:
            if self._proc is not None and self._proc.poll() is not None:
                raise RuntimeError(f"dovecot exited at start:\n{self.log_tail()}")
            for port in list(pending):
                with (
                    contextlib.suppress(OSError),
                    socket.create_connection((self.host, port), timeout=0.5),
                ):
                    pending.discard(port)
            if pending and time.monotonic() > deadline:
                raise RuntimeError(
                    f"dovecot did not listen within {START_TIMEOUT}s:\n{self.log_tail()}"
                )
            if pending:
                # Poll without a fixed sleep: wait for the process, at most a short while.
                with contextlib.suppress(subprocess.TimeoutExpired):
                    assert self._proc is not None
                    self._proc.wait(timeout=0.02)

    def _wait_until_closed(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    pass
            except OSError:
                return
            time.sleep(0.02)  # polling a port that is going away, bounded by the deadline

    # ---- config -------------------------------------------------------------------------
    def _prepare(self) -> None:
        uid, gid = _mail_owner()
        # Dovecot's helper processes run as other users: they must reach into our tmp dir.
        self.root.chmod(0o755)
        for sub in ("run", "state"):
            (self.root / sub).mkdir(exist_ok=True)
        self.mail_root.mkdir(exist_ok=True)
        os.chown(self.mail_root, uid, gid)
        self.passwd_dir.mkdir(exist_ok=True)
        self.passwd_dir.chmod(0o755)
        self._make_certificate()
        self.conf.write_text(self._config_text())

    def _make_certificate(self) -> None:
        key = self.root / "key.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                str(key),
                "-out",
                str(self.ca_file),
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                f"subjectAltName=DNS:localhost,IP:{self.host}",
            ],
            check=True,
            capture_output=True,
        )
        key.chmod(0o644)  # read by Dovecot's login processes, which are not us when root

    def _config_text(self) -> str:
        if os.geteuid() == 0:
            login_user, internal_user, internal_group = "dovenull", "dovecot", "dovecot"
        else:  # rootless: every Dovecot process and socket belongs to us
            login_user = internal_user = pwd.getpwuid(os.getuid()).pw_name
            internal_group = grp.getgrgid(os.getgid()).gr_name
        r = self.root
        return f"""# Private test server: nothing here is read from /etc/dovecot.
base_dir = {r}/run
state_dir = {r}/state
instance_name = followup-test-{self.port}
protocols = imap
listen = {self.host}
log_path = {self.log_file}
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
first_valid_uid = 1
first_valid_gid = 1

ssl = yes
ssl_cert = <{r}/cert.pem
ssl_key = <{r}/key.pem
# Loopback only: plaintext logins are what the `security = "none"` tests use.
disable_plaintext_auth = no
auth_mechanisms = plain login

mail_location = maildir:~
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.passwd_dir}/%u
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.passwd_dir}/%u
}}
# A refused login answers at once: the wrong-password test need not wait 2 s.
auth_failure_delay = 0

service imap-login {{
  inet_listener imap {{
    address = {self.host}
    port = {self.port}
  }}
  inet_listener imaps {{
    # 127.0.0.2 is not named in the certificate: the host-name check test connects there.
    address = {self.host}, {OTHER_HOST}
    port = {self.tls_port}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
  # No growing delays after the wrong-password tests: every test logs in from 127.0.0.1.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
protocol imap {{
  # Tests open several sessions per user at once (IDLE, fetch, an independent reader).
  mail_max_userip_connections = 200
}}

namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
"""

    # ---- users and mail -----------------------------------------------------------------
    def add_user(self, name: str | None = None, password: str | None = None) -> MailUser:
        """A new mail user with an empty mailbox (Drafts and Sent appear on first login)."""
        n = next(self._names)
        name = name or f"user{n}"
        password = password or f"pw-{name}-{os.urandom(4).hex()}"
        uid, gid = _mail_owner()
        home = self.mail_root / name
        home.mkdir()
        os.chown(home, uid, gid)
        home.chmod(0o700)
        entry = self.passwd_dir / name
        entry.write_text(f"{name}:{{PLAIN}}{password}:{uid}:{gid}::{home}::\n")
        entry.chmod(0o644)
        return MailUser(name=name, password=password, home=home)

    def doveadm(self, *args: str) -> str:
        """Run doveadm against this server's config; raises with its output on failure."""
        done = subprocess.run(
            [_binary("doveadm"), "-c", str(self.conf), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            raise RuntimeError(f"doveadm {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def set_uidvalidity(self, user: MailUser, folder: str, value: int) -> None:
        """Give `folder` a new UIDVALIDITY, as a server migration would."""
        self.doveadm("mailbox", "update", "-u", user.name, "--uid-validity", str(value), folder)

    def uidvalidity(self, user: MailUser, folder: str) -> int:
        out = self.doveadm("mailbox", "status", "-u", user.name, "uidvalidity", folder)
        return int(out.strip().split("=", 1)[1])

    @contextlib.contextmanager
    def client(self, user: MailUser) -> Iterator[IMAPClient]:
        """An independent imapclient session (plain, loopback) for checks and fixtures."""
        c = IMAPClient(self.host, self.port, ssl=False, timeout=30)
        c.normalise_times = False
        try:
            c.login(user.name, user.password)
            yield c
        finally:
            with contextlib.suppress(Exception):
                c.logout()

    def append(
        self,
        user: MailUser,
        folder: str,
        raw: bytes,
        flags: Sequence[str] = (),
        when: datetime | None = None,
    ) -> int:
        """APPEND one message as another client would; returns its UID."""
        with self.client(user) as c:
            resp = c.append(folder, raw, flags=list(flags), msg_time=when)
        return int(_appenduid(resp))


def _appenduid(resp: Any) -> int:
    text = resp.decode() if isinstance(resp, bytes) else str(resp)
    # "[APPENDUID <uidvalidity> <uid>] Append completed."
    return int(text.split("APPENDUID", 1)[1].split("]", 1)[0].split()[1])


@dataclass
class TestAccount:
    """The account attributes ImapMailbox reads, as `agent.config.ImapAccount` has them."""

    host: str
    port: int
    username: str
    secret: str
    name: str = "test"
    type: str = "imap"
    security: str = "none"
    auth: str = "password"
    ca_file: str | None = None
    folders: list[str] = field(default_factory=lambda: ["INBOX"])
    drafts_folder: str | None = None
    sent_folder: str | None = None
    lookback_days: int = 180
    idle: bool = True
    poll_seconds: int = 300

    __test__ = False  # not a pytest test class

    def password(self) -> str:
        return self.secret

    def token(self) -> str:
        return self.secret


@dataclass
class DovecotAccount:
    """What the `dovecot` fixture gives a test: a fresh user on the shared test server."""

    server: DovecotServer
    user: MailUser

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        """Plain IMAP (STARTTLS offered)."""
        return self.server.port

    @property
    def tls_port(self) -> int:
        """IMAPS with the self-signed certificate in `ca_file`."""
        return self.server.tls_port

    @property
    def ca_file(self) -> Path:
        return self.server.ca_file

    @property
    def username(self) -> str:
        return self.user.name

    @property
    def password(self) -> str:
        return self.user.password

    @property
    def maildir(self) -> Path:
        return self.user.home

    def account(self, **overrides: Any) -> TestAccount:
        """Account settings for ImapMailbox: plain loopback unless overridden."""
        values: dict[str, Any] = {
            "host": self.host,
            "port": self.port,
            "username": self.username,
            "secret": self.password,
        }
        values.update(overrides)
        return TestAccount(**values)

    def append(
        self, folder: str, raw: bytes, flags: Sequence[str] = (), when: datetime | None = None
    ) -> int:
        return self.server.append(self.user, folder, raw, flags, when)

    def client(self) -> contextlib.AbstractContextManager[IMAPClient]:
        return self.server.client(self.user)

    def restart(self, graceful: bool = False) -> None:
        self.server.restart(graceful=graceful)

    def set_uidvalidity(self, folder: str, value: int) -> None:
        self.server.set_uidvalidity(self.user, folder, value)

    def uidvalidity(self, folder: str) -> int:
        return self.server.uidvalidity(self.user, folder)
