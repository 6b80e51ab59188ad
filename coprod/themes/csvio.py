"""Read and write the engine's CSV files, checking every row before anything is used:
labelled answers (`id,text,themes,sentiment`), answers to code (`id,text`), and codes."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, ThemesError
from .sentiment import LABELS
from .text import MAX_CHARS

MAX_PROBLEMS = 20


@dataclass
class Row:
    """One checked input row; themes and sentiment are empty for unlabelled input."""

    row: int
    id: str
    text: str
    themes: tuple[str, ...] = ()
    sentiment: str | None = None


class CsvError(ThemesError):
    """A CSV file was refused; lists each problem with its row number."""

    def __init__(self, path: str | os.PathLike, problems: list[str]):
        self.problems = problems
        more = "" if len(problems) <= MAX_PROBLEMS else f"\n... and {len(problems) - 20} more"
        super().__init__(f"{path}: nothing was used\n" + "\n".join(problems[:MAX_PROBLEMS]) + more)


def _open_rows(path: str | os.PathLike, required: tuple[str, ...]) -> csv.DictReader:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ThemesError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CsvError(
            path, [f"line {line}: not UTF-8 text (save the file as CSV UTF-8)"]
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvError(
            path, [f"row 1: missing column(s) {', '.join(missing)}; expected {','.join(required)}"]
        )
    reader.fieldnames = header
    return reader


def _check_text(number: int, text: str, problems: list[str]) -> None:
    if "\x00" in text:
        problems.append(f"row {number}: text contains binary data")
    elif len(text) > MAX_CHARS:
        problems.append(
            f"row {number}: text is {len(text):,} characters; the limit is {MAX_CHARS:,}"
        )


def read_rows(
    path: str | os.PathLike, *, labelled: bool = False, known_themes: Iterable[str] = ()
) -> list[Row]:
    """Read every row, or raise CsvError listing what is wrong with which rows."""
    required = ("id", "text", "themes", "sentiment") if labelled else ("id", "text")
    reader = _open_rows(path, required)
    known = set(known_themes)
    rows: list[Row] = []
    problems: list[str] = []
    seen: set[str] = set()
    try:
        for number, record in enumerate(reader, start=2):
            if None in record:
                problems.append(f"row {number}: more values than columns")
                continue
            row_id = (record.get("id") or "").strip()
            text = record.get("text") or ""
            if not row_id:
                problems.append(f"row {number}: id is empty")
            elif row_id in seen:
                problems.append(f"row {number}: id {row_id!r} appears twice")
            seen.add(row_id)
            _check_text(number, text, problems)
            themes: tuple[str, ...] = ()
            sentiment = None
            if labelled:
                themes = tuple(
                    t.strip() for t in (record.get("themes") or "").split(";") if t.strip()
                )
                unknown = [t for t in themes if t not in known]
                if unknown:
                    problems.append(f"row {number}: unknown theme id(s) {', '.join(unknown)}")
                sentiment = (record.get("sentiment") or "").strip().lower() or None
                if sentiment is not None and sentiment not in LABELS:
                    problems.append(
                        f"row {number}: sentiment {sentiment!r} is not one of {', '.join(LABELS)}"
                    )
            rows.append(Row(number, row_id, text, themes, sentiment))
    except csv.Error as exc:
        problems.append(f"row {reader.line_num}: not valid CSV ({exc})")
    if problems:
        raise CsvError(path, problems)
    if not rows:
        raise CsvError(path, ["the file has a header but no rows"])
    return rows


def write_rows(path: str | os.PathLike, header: list[str], rows: Iterable[list[str]]) -> int:
    """Write a CSV atomically: the file appears complete or not at all. Return rows written."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count


__all__ = ["CsvError", "InputError", "Row", "read_rows", "write_rows"]
