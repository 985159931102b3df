"""One exception tree, sorted by who must act. `agent.cli` renders them in one place."""

from __future__ import annotations


class FollowupError(Exception):
    """Base of every error we raise on purpose."""

    exit_code = 1


class ConfigError(FollowupError):
    """The user must fix the config or the command line. Exit code 2, no traceback."""

    exit_code = 2

    def __init__(self, message: str, lines: list[str] | None = None) -> None:
        super().__init__(message)
        # One line per problem, each naming its key path (accounts[0].port: ...).
        self.lines = lines or [message]


class MissingDependencyError(ConfigError):
    """A connector's optional library is not installed; the message says what to install."""


class AuthError(FollowupError):
    """Login refused: stop that account and tell the user."""


class TransientError(FollowupError):
    """Network trouble, server busy: back off and retry."""


class CursorExpired(FollowupError):
    """The connector's cursor is no longer valid (UIDVALIDITY change, history 404):
    the core does a full listing and reconciles by Message-ID."""


class BadMessage(FollowupError):
    """One message could not be handled: skip it, record it, carry on."""


class NotImplementedYet(FollowupError):
    """A command whose logic is not there yet."""
