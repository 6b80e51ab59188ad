"""Builders of survey files for the tests: a base survey, Easy Read, scales, and where they live."""

from __future__ import annotations

from pathlib import Path

SURVEY_DIR = Path(__file__).resolve().parent.parent / "surveys"
DATA_DIR = Path(__file__).resolve().parent / "data" / "surveys"
SHIPPED = tuple(
    f"{name}{suffix}.yaml"
    for name in (
        "patient-sexual-safety",
        "patient-ward-climate",
        "staff-sexual-safety",
        "staff-ward-climate",
        "ward-weather",
    )
    for suffix in ("", "-easy-read")
)

HEADER = {
    "id": "test-survey",
    "title": "Test survey",
    "audience": "patient",
    "variant": "standard",
    "language": "en",
}
SAFE = """\
  - id: safe
    type: yes_no
    text: Do you feel safe?
"""
PICTURED = """\
  - id: safe
    type: yes_no
    text: Do you feel safe?
    picture: shield
"""
HELPED = """\
  - id: helped
    section: about_you
    type: yes_no
    text: Did someone help you answer?
    picture: helping-hand
"""
LONG = "x" * 121


def survey(questions: str = SAFE, **header: str | None) -> str:
    """Return survey YAML: HEADER with overrides (None drops a key), then the questions."""
    keys = {**HEADER, **header}
    lines = [f"{key}: {value}" for key, value in keys.items() if value is not None]
    return "\n".join(lines) + "\nquestions:\n" + questions


def easy_read(questions: str) -> str:
    """Return an Easy Read survey with the given questions."""
    return survey(questions, variant="easy_read")


def scale(*options: str) -> str:
    """Return a picture_scale question `mood` with the given option lines."""
    head = "  - id: mood\n    type: picture_scale\n    text: How is it?\n    picture: ward\n"
    return head + "    options:\n" + "".join(f"      - {option}\n" for option in options)


THREE = ("{value: a, label: A, picture: sun}", "{value: b, label: B, picture: cloud}")
THREE += ("{value: c, label: C, picture: storm}",)
NO_ANSWERS = ("{value: dont_know, label: Don't know}", "{value: prefer_not_to_say, label: No}")


def write(directory: Path, text: str | bytes, name: str = "survey.yaml") -> Path:
    """Write a survey file and return its path."""
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
