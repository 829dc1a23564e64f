"""Stage 0, models: the one error type for "stop and tell the user", caught once in the CLI.

Bad data is never raised (it is diagnostics, collected); this is for what makes a command
impossible: an unknown option value, no data folder, a file that cannot be written. The
message exists in both languages, so the CLI prints it in the chosen one.
"""

from __future__ import annotations

from hxay.models.text import Msg

USAGE = 2
"""Exit code of a usage error: the command line asked for something that cannot be done."""


class HxayError(Exception):
    """Stop with `msg` and exit with `exit_code` (2: usage; 1: a write refused; 3: bad data)."""

    def __init__(self, msg: Msg, exit_code: int = USAGE) -> None:
        super().__init__(msg.en)
        self.msg = msg
        self.exit_code = exit_code


class UsageError(HxayError):
    """A command-line value that cannot be used (exit 2): the message says what to write."""
