"""Checks of single fields of a parsed survey file, each recording a plain problem line."""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any

from coprod.services.survey_schema import SLUG_RULES


def describe(value: Any) -> str:
    """Return how a wrongly typed YAML value reads in a problem message."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def clean_text(value: str, *, keep_lines: bool = False) -> str:
    """Return text in NFC with runs of spaces collapsed, keeping line breaks if asked.

    Whitespace and Unicode composition that look the same on the page must hash the same.
    """
    value = unicodedata.normalize("NFC", value)
    if keep_lines:
        return "\n".join(" ".join(line.split()) for line in value.strip().splitlines())
    return " ".join(value.split())


class FieldChecker:
    """Reads single fields of a parsed file, recording a problem line for each bad one."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[str] = []

    def report(self, where: str, problem: str) -> None:
        """Record one problem as a `file: where: problem` line."""
        self.problems.append(f"{self.file}: {where}: {problem}")

    def keys(self, where: str, raw: dict, allowed: tuple[str, ...], prefix: str = "") -> None:
        """Report each key not in allowed, suggesting the nearest allowed one."""
        for key in raw:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.report(where, f"{prefix}unknown key {str(key)!r}{hint}")

    def mapping(self, where: str, value: Any, name: str, shape: str) -> bool:
        """Return whether value is a mapping, reporting it as needing shape if not."""
        if isinstance(value, dict):
            return True
        self.report(where, f"{name} must be a mapping with {shape}, not {describe(value)}")
        return False

    def string(self, where: str, raw: dict, key: str, name: str, required: bool) -> str | None:
        """Return raw[key] if it is a string; report it missing, empty or not text."""
        value = raw.get(key)
        if value is None:
            if key in raw or required:
                self.report(where, f"{name} is {'empty' if key in raw else 'missing'}")
            return None
        if not isinstance(value, str):
            self.report(where, f"{name} must be text, not {describe(value)}")
            return None
        return value

    def text(
        self,
        where: str,
        raw: dict,
        key: str,
        *,
        required: bool,
        limit: int = 0,
        name: str = "",
        keep_lines: bool = False,
    ) -> str | None:
        """Return cleaned wording, reporting it missing, empty or over limit characters."""
        name = name or key
        value = self.string(where, raw, key, name, required)
        if value is None:
            return None
        value = clean_text(value, keep_lines=keep_lines)
        if not value:
            self.report(where, f"{name} is empty")
            return None
        if limit and len(value) > limit:
            self.report(where, f"{name} is {len(value)} characters long; the limit is {limit}")
        return value

    def slug(
        self, where: str, raw: dict, key: str, kind: str, required: bool = True, name: str = ""
    ) -> str | None:
        """Return an identifier that follows the SLUG_RULES of kind, reporting one that does not."""
        pattern, rule, limit = SLUG_RULES[kind]
        name = name or key
        value = self.string(where, raw, key, name, required)
        if value is not None and (not pattern.fullmatch(value) or len(value) > limit):
            self.report(where, f"{name} {value!r} must be {rule}, at most {limit} characters")
            return None
        return value

    def choice(
        self,
        where: str,
        raw: dict,
        key: str,
        allowed: tuple[str, ...],
        default: str | None = None,
        name: str = "",
    ) -> str | None:
        """Return one of allowed (or default), reporting anything else."""
        name = name or key
        value = raw.get(key, default)
        if value is None:
            self.report(where, f"{name} is {'empty' if key in raw else 'missing'}")
        elif value not in allowed:
            self.report(where, f"{name} must be one of {', '.join(allowed)}, not {describe(value)}")
            return None
        return value

    def flag(self, where: str, raw: dict, key: str, default: bool, name: str = "") -> bool:
        """Return a true/false value (or default), reporting anything else."""
        value = raw.get(key, default)
        if not isinstance(value, bool):
            self.report(where, f"{name or key} must be true or false, not {describe(value)}")
            return default
        return value

    def whole(
        self, where: str, raw: dict, key: str, low: int, high: int, default: int | None
    ) -> int | None:
        """Return a whole number from low to high (or default), reporting anything else."""
        value = raw.get(key, default)
        if value is None or (type(value) is int and low <= value <= high):
            return value
        self.report(
            where, f"{key} must be a whole number from {low} to {high}, not {describe(value)}"
        )
        return default
