"""Errors in what the user typed: printed as one ``error:`` line, exit code 2."""
from __future__ import annotations

EXIT_USAGE = 2
EXIT_UNTRUSTWORTHY = 3


class CliError(Exception):
    """A problem with the user's input: printed as one line."""


def shown(value, limit: int = 120) -> str:
    """A path or value for a one-line message: long ones are shortened in the middle."""
    text = str(value)
    return text if len(text) <= limit else text[: limit // 2 - 1] + "…" + text[-(limit // 2 - 1):]
