"""The user's configuration: a TOML file (PRODUCT.md section 2) plus environment overrides.

- Where the file is: `--config`, else `$FOLLOWUP_CONFIG`, else the platform config dir's
  `followup/config.toml` (`config_path_from`).
- Every key can be overridden as `FOLLOWUP_SECTION__KEY` (`FOLLOWUP_AGENT__TIMEZONE`,
  `FOLLOWUP_POLICY__MAX_FOLLOWUPS`, `FOLLOWUP_REPORT__SMTP__HOST`); the environment wins.
  Lists are given as JSON (`FOLLOWUP_PROFILE__ADDRESSES='["a@example.com"]'`). Accounts are
  overridden by position: `FOLLOWUP_ACCOUNTS__0__HOST` sets `host` of the first
  `[[accounts]]` entry (an index past the end is an error).
- `~` is expanded in every path; relative paths are resolved against the config file's folder.
- Secrets are referenced (`password_command`, `password_env`), fetched on first use and cached.
- Every problem is reported at once, one line each, naming its key path (`accounts[0].port:
  ...`), as a `ConfigError` (exit code 2).
"""

from __future__ import annotations

import contextvars
import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from agent import secrets
from agent.errors import ConfigError

APP_NAME = "followup"
ENV_PREFIX = "FOLLOWUP_"
ENV_CONFIG = "FOLLOWUP_CONFIG"
ACCOUNT_TYPES = ("imap", "gmail", "exchange", "maildir")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# The folder relative paths are resolved against while a file is being validated.
_base_dir: contextvars.ContextVar[Path | None] = contextvars.ContextVar(
    "followup_config_base_dir", default=None
)
# A validator that wants its message attached to a sub-key writes "<key>\x1f<message>".
_KEY_SEP = "\x1f"


_PROBLEM_SEP = "\x1e"

Problems = list[tuple[str, str]]  # (key relative to the section, message)


def _problem(key: str, message: str) -> ValueError:
    return _problems([(key, message)])


def _problems(found: Problems) -> ValueError:
    """One ValueError carrying several keyed problems; `error_lines` splits them again."""
    return ValueError(_PROBLEM_SEP.join(f"{key}{_KEY_SEP}{message}" for key, message in found))


# ---------------------------------------------------------------------------------------------
# Locations and small value types


def default_config_path() -> Path:
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def default_state_dir() -> Path:
    return platformdirs.user_state_path(APP_NAME)


def config_path_from(cli_value: str | os.PathLike[str] | None) -> Path:
    """The config file to use: the `--config` value, else `$FOLLOWUP_CONFIG`, else the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env_value = os.environ.get(ENV_CONFIG, "").strip()
    if env_value:
        return Path(env_value).expanduser()
    return default_config_path()


def _where_from(cli_value: str | os.PathLike[str] | None) -> str:
    if cli_value:
        return "given with --config"
    if os.environ.get(ENV_CONFIG, "").strip():
        return f"from ${ENV_CONFIG}"
    return "the default location"


def _resolve_path(value: Path) -> Path:
    path = value.expanduser()
    if not path.is_absolute():
        base = _base_dir.get() or Path.cwd()
        path = base / path
    return path


ConfigPath = Annotated[Path, AfterValidator(_resolve_path)]


def detect_local_timezone() -> str:
    """The system's IANA zone name if it can be told (TZ, /etc/localtime, /etc/timezone),
    else "UTC"."""
    candidates: list[str] = []
    tz_env = os.environ.get("TZ", "").strip().lstrip(":")
    if tz_env:
        candidates.append(tz_env)
    try:
        target = os.path.realpath("/etc/localtime")
        marker = "zoneinfo/"
        if marker in target:
            candidates.append(target.split(marker, 1)[1])
    except OSError:
        pass
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in candidates:
        if name and _zone_or_none(name) is not None:
            return name
    return "UTC"


def _zone_or_none(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def is_loopback_host(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1."""
    name = host.strip().strip("[]").lower()
    if name in ("localhost", "localhost.", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------
# Sections


class _Section(BaseModel):
    # Unknown keys are mistakes; values never appear in error messages (they may be secrets).
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)


class AgentConfig(_Section):
    state_dir: ConfigPath = Field(default_factory=default_state_dir)
    timezone: str = Field(default_factory=detect_local_timezone)
    # How often the daemon re-checks due dates between mail events.
    due_check_minutes: int = Field(default=15, ge=1, le=1440)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        value = value.strip()
        if _zone_or_none(value) is None:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name like Europe/Berlin)")
        return value


class ProfileConfig(_Section):
    name: str = ""
    addresses: list[str] = Field(default_factory=list)
    signature: str = ""
    recent_updates: list[str] = Field(default_factory=list)

    @field_validator("addresses")
    @classmethod
    def _normalise_addresses(cls, value: list[str]) -> list[str]:
        cleaned: list[str] = []
        for i, raw in enumerate(value):
            address = raw.strip().lower()
            if "@" not in address or address.startswith("@") or address.endswith("@"):
                raise ValueError(f"entry {i} is not an email address: {raw!r}")
            if address not in cleaned:
                cleaned.append(address)
        return cleaned

    def is_own(self, address: str | None) -> bool:
        """True if `address` is one of the user's own (case-insensitive)."""
        return address is not None and address.strip().lower() in self.addresses


class PolicyConfig(_Section):
    after_application_days: int = Field(default=10, ge=1, le=365)
    after_phone_screen_business_days: int = Field(default=5, ge=1, le=100)
    after_interview_days: int = Field(default=8, ge=1, le=365)
    stated_date_grace_business_days: int = Field(default=1, ge=0, le=30)
    max_followups: int = Field(default=2, ge=0, le=10)


class SmtpConfig(_Section):
    host: str
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Literal["tls", "starttls", "none"] = "starttls"
    username: str = ""
    password_command: str | None = None
    password_env: str | None = None

    _key: str = PrivateAttr(default="report.smtp")

    @model_validator(mode="after")
    def _check(self) -> SmtpConfig:
        if self.port is None:
            self.port = {"tls": 465, "starttls": 587, "none": 25}[self.security]
        if found := _smtp_rules(self.__dict__):
            raise _problems(found)
        return self

    def password(self) -> SecretStr:
        return _password(self.password_command, self.password_env, self._key)


class ReportConfig(_Section):
    weekday: str = "mon"
    time: str = "08:00"
    deliver: Literal["mailbox", "smtp"] = "mailbox"
    to: str = ""
    smtp: SmtpConfig | None = Field(default=None, validate_default=True)

    @field_validator("weekday")
    @classmethod
    def _weekday(cls, value: str) -> str:
        given = value.strip().lower()
        short = given[:3]
        full = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        if short not in WEEKDAYS or given not in (short, full[WEEKDAYS.index(short)]):
            raise ValueError("must be one of mon, tue, wed, thu, fri, sat, sun")
        return short

    @field_validator("time")
    @classmethod
    def _time(cls, value: str) -> str:
        match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValueError('must be a 24-hour time "HH:MM", e.g. "08:00"')
        return f"{int(match[1]):02d}:{match[2]}"

    @field_validator("to")
    @classmethod
    def _to(cls, value: str) -> str:
        value = value.strip()
        if value and "@" not in value:
            raise ValueError("must be an email address, or empty for the first profile address")
        return value

    @field_validator("smtp")
    @classmethod
    def _smtp_when_needed(cls, value: SmtpConfig | None, info: Any) -> SmtpConfig | None:
        if value is None and info.data.get("deliver") == "smtp":
            raise ValueError('a [report.smtp] section is required with deliver = "smtp"')
        return value

    @property
    def weekday_index(self) -> int:
        """0 = Monday ... 6 = Sunday."""
        return WEEKDAYS.index(self.weekday)

    @property
    def at(self) -> time:
        hour, minute = self.time.split(":")
        return time(int(hour), int(minute))

    def next_after(self, now: datetime, tz: ZoneInfo) -> datetime:
        """The first report slot at or after `now`, in `tz`."""
        local = now.astimezone(tz)
        days_ahead = (self.weekday_index - local.weekday()) % 7
        for extra in (0, 7):
            day = local.date() + timedelta(days=days_ahead + extra)
            slot = datetime.combine(day, self.at, tzinfo=tz)
            if slot >= local:
                return slot
        raise AssertionError("unreachable: a weekly slot always exists within two weeks")


class TemplatesConfig(_Section):
    dir: ConfigPath | None = None


# ---------------------------------------------------------------------------------------------
# Accounts


class _AccountBase(_Section):
    name: str
    folders: list[str] = Field(default_factory=lambda: ["INBOX"], min_length=1)
    drafts_folder: str | None = None
    sent_folder: str | None = None
    lookback_days: int = Field(default=180, ge=1, le=36500)

    _index: int = PrivateAttr(default=0)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("must not be empty")
        if any(ch in value for ch in "\n\r\t"):
            raise ValueError("must be one line")
        return value

    @property
    def key(self) -> str:
        """This account's key path in error messages, e.g. `accounts[0]`."""
        return f"accounts[{self._index}]"


class ImapAccount(_AccountBase):
    type: Literal["imap"]
    host: str
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Literal["tls", "starttls", "none"] = "tls"
    username: str
    auth: Literal["password", "xoauth2"] = "password"
    password_command: str | None = None
    password_env: str | None = None
    token_command: str | None = None
    token_file: ConfigPath | None = None
    ca_file: ConfigPath | None = None
    idle: bool = True
    poll_seconds: int = Field(default=300, ge=5, le=86400)

    @model_validator(mode="after")
    def _check(self) -> ImapAccount:
        if self.port is None:
            self.port = 993 if self.security == "tls" else 143
        if found := _imap_rules(self.__dict__):
            raise _problems(found)
        return self

    def password(self) -> SecretStr:
        """The login password (fetched once per process)."""
        return _password(self.password_command, self.password_env, self.key)

    def token(self) -> SecretStr:
        """An XOAUTH2 access token, fetched anew on every call (tokens expire)."""
        if self.token_command:
            key = f"{self.key}.token_command"
            return secrets.from_command(self.token_command, key, cache=False)
        if self.token_file:
            return secrets.from_file(self.token_file, f"{self.key}.token_file")
        raise ConfigError(f"{self.key}.token_command: not set (auth = {self.auth!r})")


class GmailAccount(_AccountBase):
    type: Literal["gmail"]
    credentials_file: ConfigPath | None = None  # the OAuth client secrets from Google Cloud
    token_file: ConfigPath | None = None  # default: <state_dir>/gmail-<name>.json (connector)


class ExchangeAccount(_AccountBase):
    type: Literal["exchange"]
    email: str
    server: str | None = None
    username: str | None = None  # default: email
    password_command: str | None = None
    password_env: str | None = None
    autodiscover: bool | None = None  # default: only when no server is given

    @model_validator(mode="after")
    def _check(self) -> ExchangeAccount:
        if self.autodiscover is None:
            self.autodiscover = not self.server
        if found := _exchange_rules(self.__dict__):
            raise _problems(found)
        return self

    @property
    def login(self) -> str:
        return self.username or self.email

    def password(self) -> SecretStr:
        return _password(self.password_command, self.password_env, self.key)


class MaildirAccount(_AccountBase):
    type: Literal["maildir"]
    path: ConfigPath


AccountConfig = Annotated[
    ImapAccount | GmailAccount | ExchangeAccount | MaildirAccount, Field(discriminator="type")
]


# Rules across keys, written over plain mappings so they apply both to validated models and,
# when other keys of the same table failed validation, to the raw file data (every problem is
# then still reported in one go).


def _transport_rules(v: Mapping[str, Any], default_security: str) -> Problems:
    found: Problems = []
    host = v.get("host")
    if v.get("security", default_security) == "none" and isinstance(host, str):
        if not is_loopback_host(host):
            found.append(("security", _no_tls_message(host)))
    if v.get("password_command") and v.get("password_env"):
        found.append(("password_env", "give password_command or password_env, not both"))
    return found


def _imap_rules(v: Mapping[str, Any]) -> Problems:
    found = _transport_rules(v, "tls")
    has_password = v.get("password_command") or v.get("password_env")
    auth = v.get("auth", "password")
    if auth == "password" and not has_password:
        found.append(("password_command", 'required (or password_env) with auth = "password"'))
    if auth == "xoauth2":
        if not (v.get("token_command") or v.get("token_file")):
            found.append(("token_command", 'required (or token_file) with auth = "xoauth2"'))
        elif v.get("token_command") and v.get("token_file"):
            found.append(("token_file", "give token_command or token_file, not both"))
    return found


def _smtp_rules(v: Mapping[str, Any]) -> Problems:
    found = _transport_rules(v, "starttls")
    if v.get("username") and not (v.get("password_command") or v.get("password_env")):
        found.append(("password_command", "required with username (or password_env)"))
    return found


def _exchange_rules(v: Mapping[str, Any]) -> Problems:
    found: Problems = []
    autodiscover = v.get("autodiscover")
    if autodiscover is False and not v.get("server"):
        found.append(("server", "required with autodiscover = false"))
    if v.get("password_command") and v.get("password_env"):
        found.append(("password_env", "give password_command or password_env, not both"))
    if not (v.get("password_command") or v.get("password_env")):
        found.append(("password_command", "required (or password_env)"))
    return found


def _duplicate_names(names: list[Any]) -> Problems:
    found: Problems = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(names):
        if not isinstance(raw, str):
            continue
        name = raw.strip()
        if name in seen:
            message = f"duplicate account name {name!r} (also accounts[{seen[name]}])"
            found.append((f"accounts[{index}].name", message))
        else:
            seen[name] = index
    return found


def _raw_problem_lines(data: Mapping[str, Any]) -> list[str]:
    """The cross-key rules applied to the raw (file + environment) data."""
    lines: list[str] = []
    accounts = data.get("accounts")
    if isinstance(accounts, list):
        rules = {"imap": _imap_rules, "exchange": _exchange_rules}
        for index, account in enumerate(accounts):
            if isinstance(account, dict) and account.get("type") in rules:
                found = rules[account["type"]](account)
                lines += [f"accounts[{index}].{key}: {message}" for key, message in found]
        names = [a.get("name") if isinstance(a, dict) else None for a in accounts]
        lines += [f"{key}: {message}" for key, message in _duplicate_names(names)]
    report = data.get("report")
    smtp = report.get("smtp") if isinstance(report, dict) else None
    if isinstance(smtp, dict):
        lines += [f"report.smtp.{key}: {message}" for key, message in _smtp_rules(smtp)]
    return lines


def _no_tls_message(host: str) -> str:
    return (
        '"none" (no encryption) is only allowed for loopback hosts '
        f"(127.0.0.0/8, ::1, localhost), not {host!r}"
    )


def _password(command: str | None, env: str | None, key: str) -> SecretStr:
    if command:
        return secrets.from_command(command, f"{key}.password_command")
    if env:
        return secrets.from_env(env, f"{key}.password_env")
    raise ConfigError(f"{key}.password_command: not set (nor password_env)")


# ---------------------------------------------------------------------------------------------
# The whole file


class Config(BaseSettings):
    """The validated configuration. Build it with `load_config`."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        case_sensitive=False,
        extra="forbid",
        hide_input_in_errors=True,
        validate_default=True,
    )

    agent: AgentConfig = Field(default_factory=AgentConfig)
    profile: ProfileConfig = Field(default_factory=ProfileConfig)
    policy: PolicyConfig = Field(default_factory=PolicyConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    templates: TemplatesConfig = Field(default_factory=TemplatesConfig)
    accounts: list[AccountConfig] = Field(default_factory=list)

    _path: Path | None = PrivateAttr(default=None)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The file's contents arrive as init values; the environment overrides them.
        # Accounts come only from the file (`_apply_account_env` handles their overrides).
        return (_SectionEnvSource(settings_cls), init_settings)

    @model_validator(mode="after")
    def _accounts(self) -> Config:
        for index, account in enumerate(self.accounts):
            account._index = index
        if found := _duplicate_names([account.name for account in self.accounts]):
            raise _problems(found)
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.agent.timezone)

    @property
    def state_dir(self) -> Path:
        return self.agent.state_dir

    @property
    def path(self) -> Path | None:
        """The file this config was read from (None when built in code)."""
        return self._path

    @property
    def report_to(self) -> str:
        """Where the weekly report goes: report.to, else the first profile address ("" if none)."""
        return self.report.to or (self.profile.addresses[0] if self.profile.addresses else "")

    def account(self, name: str) -> AccountConfig:
        for account in self.accounts:
            if account.name == name:
                return account
        raise ConfigError(f"accounts: no account named {name!r}")


class _SectionEnvSource(PydanticBaseSettingsSource):
    """`FOLLOWUP_SECTION__KEY[__SUBKEY]` for the table sections; values are strings (lists as
    JSON), converted by the models. Unknown keys are kept so validation names them."""

    _sections = ("agent", "profile", "policy", "report", "templates")

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # unused: __call__ builds everything

    def __call__(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, value in os.environ.items():
            upper = name.upper()
            if not upper.startswith(ENV_PREFIX):
                continue
            parts = upper[len(ENV_PREFIX) :].lower().split("__")
            if len(parts) < 2 or parts[0] not in self._sections or not all(parts):
                continue
            target = found.setdefault(parts[0], {})
            for part in parts[1:-1]:
                target = target.setdefault(part, {})
                if not isinstance(target, dict):
                    break
            else:
                target[parts[-1]] = _env_value(value)
        return found


def _env_value(value: str) -> Any:
    # Lists and tables are written as JSON; everything else stays a string for the models.
    stripped = value.strip()
    if stripped[:1] in "[{":
        import json

        try:
            return json.loads(stripped)
        except ValueError:
            return value
    return value


_ACCOUNT_ENV = re.compile(r"^ACCOUNTS__(\d+)__([A-Z0-9_]+)$")


def _apply_account_env(data: dict[str, Any]) -> list[str]:
    """Apply `FOLLOWUP_ACCOUNTS__<i>__<KEY>` to the file's accounts; returns problems."""
    problems: list[str] = []
    accounts = data.get("accounts")
    for name, value in sorted(os.environ.items()):
        upper = name.upper()
        if not upper.startswith(ENV_PREFIX):
            continue
        match = _ACCOUNT_ENV.match(upper[len(ENV_PREFIX) :])
        if not match:
            continue
        index, key = int(match[1]), match[2].lower()
        if not isinstance(accounts, list) or index >= len(accounts):
            problems.append(f"{name}: there is no accounts[{index}] in the config file")
            continue
        if isinstance(accounts[index], dict):
            accounts[index][key] = _env_value(value)
    return problems


# ---------------------------------------------------------------------------------------------
# Loading


def load_config(path: Path | str | None = None) -> Config:
    """Read, merge with the environment and validate the config. Raises ConfigError."""
    config_path = config_path_from(path)
    if not config_path.exists():
        raise ConfigError(
            f"no config file at {config_path} ({_where_from(path)}); "
            "create one with `followup init` or point --config / $FOLLOWUP_CONFIG at one"
        )
    if config_path.is_dir():
        raise ConfigError(f"{config_path}: is a folder, not a config file")
    try:
        raw = config_path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{config_path}: cannot read ({exc.strerror})") from exc
    return parse_config(raw, config_path)


def parse_config(raw: bytes | str, config_path: Path) -> Config:
    """Validate TOML text as if read from `config_path` (relative paths resolve next to it)."""
    data = _parse_toml(raw, config_path)
    problems = _apply_account_env(data)
    token = _base_dir.set(config_path.expanduser().absolute().parent)
    try:
        cfg = Config(**data)
    except ValidationError as exc:
        lines = problems + error_lines(exc)
        # Cross-key rules of tables that had other errors did not run inside pydantic.
        lines += [line for line in _raw_problem_lines(_with_env(data)) if line not in lines]
        raise ConfigError(f"{config_path}: invalid configuration", lines=lines) from None
    finally:
        _base_dir.reset(token)
    if problems:
        raise ConfigError(f"{config_path}: invalid configuration", lines=problems)
    cfg._path = config_path
    return cfg


def _with_env(data: dict[str, Any]) -> dict[str, Any]:
    """The file data with the section environment overrides merged in."""
    merged = dict(data)
    for section, values in _SectionEnvSource(Config)().items():
        base = merged.get(section)
        merged[section] = _deep_merge(base if isinstance(base, dict) else {}, values)
    return merged


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _parse_toml(raw: bytes | str, config_path: Path) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1 if isinstance(raw, bytes) else 1
        raise ConfigError(f"{config_path}:{line}: not valid UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if match:
            detail = message[: match.start()].strip()
            where = f"{config_path}:{match[1]}"
            raise ConfigError(f"{where}: TOML syntax error: {detail} (column {match[2]})") from None
        raise ConfigError(f"{config_path}: TOML syntax error: {message}") from None


def error_lines(exc: ValidationError) -> list[str]:
    """One line per problem: `accounts[0].port: Input should be a valid integer`."""
    lines: list[str] = []
    for error in exc.errors(include_input=False, include_url=False):
        loc = list(error["loc"])
        message = str(error["msg"])
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        if _KEY_SEP in message:
            for problem in message.split(_PROBLEM_SEP):
                sub_key, text = problem.split(_KEY_SEP, 1)
                lines.append(f"{format_loc([*loc, *_split_key(sub_key)])}: {text}")
            continue
        if error["type"] == "extra_forbidden":
            message = _unknown_key_message(loc)
        elif error["type"] == "union_tag_not_found":
            loc.append("type")
            message = f"missing (one of {', '.join(ACCOUNT_TYPES)})"
        elif error["type"] == "union_tag_invalid":
            loc.append("type")
            message = f"unknown account type (use one of {', '.join(ACCOUNT_TYPES)})"
        lines.append(f"{format_loc(loc)}: {message}")
    return lines


def _split_key(key: str) -> list[str | int]:
    """'accounts[1].name' -> ['accounts', 1, 'name']."""
    parts: list[str | int] = []
    for piece in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return parts


def format_loc(loc: list[Any] | tuple[Any, ...]) -> str:
    """('accounts', 0, 'imap', 'port') -> 'accounts[0].port' (union tags dropped)."""
    out = ""
    previous: Any = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(previous, int) and part in ACCOUNT_TYPES:
            pass  # the discriminated union's tag, not a key the user wrote
        elif "[" in str(part) or str(part).startswith("function-"):
            pass  # validator names pydantic puts in some locations
        else:
            out += f".{part}" if out else str(part)
        previous = part
    return out or "(top level)"


_INLINE_SECRET_KEYS = ("password", "passwd", "pass", "secret", "token", "app_password")


def _unknown_key_message(loc: list[Any]) -> str:
    known = _known_keys(loc[:-1])
    bad = str(loc[-1])
    if bad.lower() in _INLINE_SECRET_KEYS:
        return (
            "unknown key: secrets are never written in the config; use password_command "
            "(a command printing it) or password_env (an environment variable)"
        )
    hint = difflib.get_close_matches(bad, known, n=1, cutoff=0.6) if known else []
    if hint:
        return f"unknown key (did you mean {hint[0]!r}?)"
    return "unknown key"


def _known_keys(parent: list[Any]) -> list[str]:
    model: Any = Config
    for part in parent:
        if isinstance(part, int):
            continue
        if model is Config and part == "accounts":
            model = None
            continue
        if model is None and part in ACCOUNT_TYPES:
            model = {
                "imap": ImapAccount,
                "gmail": GmailAccount,
                "exchange": ExchangeAccount,
                "maildir": MaildirAccount,
            }[part]
            continue
        field = getattr(model, "model_fields", {}).get(part) if model else None
        if field is None:
            return []
        annotation = field.annotation
        model = next(
            (
                arg
                for arg in getattr(annotation, "__args__", (annotation,))
                if isinstance(arg, type) and issubclass(arg, BaseModel)
            ),
            None,
        )
    if model is None:  # accounts[i] without a known type: offer every account key
        keys: set[str] = set()
        for cls in (ImapAccount, GmailAccount, ExchangeAccount, MaildirAccount):
            keys.update(cls.model_fields)
        return sorted(keys)
    return list(getattr(model, "model_fields", {}))


def ensure_state_dir(cfg: Config) -> Path:
    """Create the state dir (mode 0700) if needed and tighten its mode; returns it."""
    path = cfg.agent.state_dir
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError as exc:
        raise ConfigError(f"agent.state_dir: cannot create {path} ({exc.strerror})") from exc
    return path
