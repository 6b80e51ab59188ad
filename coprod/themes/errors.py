"""Errors the theming engine raises, each with a message a person can act on."""


class ThemesError(Exception):
    """Base class: something the engine was given cannot be used."""


class MissingResource(ThemesError):
    """A data file the engine needs is not installed; the message says how to fix it."""


class InputError(ThemesError):
    """A row of input is unusable; carries the 1-based row number when there is one."""

    def __init__(self, message: str, row: int | None = None):
        self.row = row
        super().__init__(f"row {row}: {message}" if row is not None else message)
