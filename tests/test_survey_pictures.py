"""Survey pictures: every picture a survey file names has a small, safe SVG to show.

Pictures live in coprod/static/pictures/<name>.svg. A name can come from a question's
`picture`, an option's `picture`, or the implied options of a yes_no question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.parsers import expat

import pytest
import yaml

from coprod.services import survey_files, survey_schema
from coprod.services.survey_checks import SafeLoader

ROOT = Path(__file__).resolve().parent.parent
SURVEY_DIR = ROOT / "surveys"
PICTURE_DIR = ROOT / "coprod" / "static" / "pictures"
MAX_BYTES = 4 * 1024
VIEW_BOX = "0 0 96 96"

SCRIPT_RE = re.compile(rb"<\s*script", re.IGNORECASE)
EXTERNAL_HREF_RE = re.compile(rb"""href\s*=\s*["']?\s*(?:https?:|//)""", re.IGNORECASE)
HANDLER_RE = re.compile(rb"""\son[a-z]+\s*=""", re.IGNORECASE)


def pictures_in(survey: dict[str, Any]) -> Iterator[str]:
    """Yield every picture name one parsed survey file uses, including implied ones."""
    language = survey.get("language") if isinstance(survey.get("language"), str) else "en"
    for question in survey.get("questions") or []:
        if not isinstance(question, dict):
            continue
        if isinstance(question.get("picture"), str):
            yield question["picture"]
        for option in question.get("options") or []:
            if isinstance(option, dict) and isinstance(option.get("picture"), str):
                yield option["picture"]
        if question.get("type") == "yes_no":
            implied = survey_schema.yes_no_options(language) or survey_schema.yes_no_options("en")
            yield from (option["picture"] for option in implied or [])


def named_pictures(directory: Path = SURVEY_DIR) -> dict[str, list[str]]:
    """Return each picture name used in the survey folder, with the files that use it."""
    used: dict[str, list[str]] = {}
    for path in survey_files.default_paths(directory):
        try:
            # The app's loader, so `picture: no` stays the word "no".
            survey = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # test_survey_files reports unreadable files
        if isinstance(survey, dict):
            for name in pictures_in(survey):
                files = used.setdefault(name, [])
                if path.name not in files:
                    files.append(path.name)
    return used


def svg_problems(data: bytes) -> list[str]:
    """Return what is wrong with one picture file; an empty list means it is fine."""
    problems = []
    if len(data) > MAX_BYTES:
        problems.append(f"is {len(data)} bytes; the limit is {MAX_BYTES}")
    if SCRIPT_RE.search(data):
        problems.append("contains <script")
    if EXTERNAL_HREF_RE.search(data):
        problems.append("links to an external address with href=")
    if HANDLER_RE.search(data):
        problems.append("has an on*= event handler attribute")

    elements: list[tuple[str, dict[str, str]]] = []
    parser = expat.ParserCreate()
    parser.StartElementHandler = lambda name, attrs: elements.append((name, attrs))

    def refuse_doctype(*_: Any) -> None:
        problems.append("has a DOCTYPE or entity declaration")

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return [*problems, f"is not well-formed XML: {exc}"]

    if not elements or elements[0][0] != "svg":
        problems.append("the root element is not <svg>")
    elif elements[0][1].get("viewBox") != VIEW_BOX:
        problems.append(f"the viewBox is {elements[0][1].get('viewBox')!r}, not {VIEW_BOX!r}")
    for name, attrs in elements:
        if name.split(":")[-1].lower() in ("script", "foreignobject"):
            problems.append(f"has a <{name}> element")
        for attr, value in attrs.items():
            local = attr.split(":")[-1].lower()
            if local.startswith("on") and f"on*= event handler: {attr}" not in problems:
                problems.append(f"on*= event handler: {attr}")
            if local == "href" and not value.startswith("#"):
                problems.append(f"refers outside the file: {attr}={value!r}")
    return problems


USED = named_pictures()
PICTURE_FILES = sorted(PICTURE_DIR.glob("*.svg"))


def test_the_surveys_name_pictures():
    # Guards the other tests against passing because nothing was found.
    assert USED, f"no pictures named in {SURVEY_DIR}"
    assert {"yes", "no", "prefer-not-to-say"} <= set(USED)  # implied by yes_no questions


def test_every_named_picture_has_an_svg_file():
    missing = {
        name: files for name, files in USED.items() if not (PICTURE_DIR / f"{name}.svg").is_file()
    }
    assert missing == {}, "\n".join(
        f"{PICTURE_DIR.relative_to(ROOT)}/{name}.svg is missing (used in {', '.join(files)})"
        for name, files in sorted(missing.items())
    )


@pytest.mark.parametrize("path", PICTURE_FILES, ids=lambda path: path.name)
def test_picture_file_is_small_well_formed_and_safe(path):
    assert svg_problems(path.read_bytes()) == []


GOOD = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><circle r="4"/></svg>'


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(
            GOOD.replace(b"<circle", b"<script>alert(1)</script><circle"),
            "contains <script",
            id="script",
        ),
        pytest.param(
            GOOD.replace(b"<circle", b'<image href="https://example.org/x.png"/><circle'),
            "links to an external address with href=",
            id="external-href",
        ),
        pytest.param(
            GOOD.replace(b"<circle", b'<circle onclick="x()"'),
            "has an on*= event handler attribute",
            id="event-handler",
        ),
        pytest.param(GOOD.replace(b"</svg>", b""), "is not well-formed XML", id="unclosed"),
        pytest.param(
            GOOD.replace(b"<circle", b"<!--" + b"x" * MAX_BYTES + b"--><circle"),
            f"is {len(GOOD) + MAX_BYTES + 7} bytes; the limit is {MAX_BYTES}",
            id="too-big",
        ),
        pytest.param(GOOD.replace(b"0 0 96 96", b"0 0 24 24"), "the viewBox is", id="view-box"),
        pytest.param(
            b'<!DOCTYPE svg [<!ENTITY a "b">]>' + GOOD, "has a DOCTYPE or entity", id="doctype"
        ),
    ],
)
def test_svg_problems_catches_unsafe_files(data, problem):
    assert any(p.startswith(problem) for p in svg_problems(data)), svg_problems(data)


def test_svg_problems_passes_a_plain_picture():
    assert svg_problems(GOOD) == []


def test_named_pictures_reads_questions_options_and_yes_no(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "id: a\nlanguage: en-GB\nquestions:\n"
        "  - {id: q1, type: yes_no, text: Safe, picture: shield}\n"
        "  - id: q2\n    type: picture_scale\n    text: Weather\n    options:\n"
        "      - {value: a, label: A, picture: sunny}\n      - {value: b, label: B, picture: no}\n",
        encoding="utf-8",
    )
    (tmp_path / "codebook.yaml").write_text("picture: not-a-survey\n", encoding="utf-8")
    assert named_pictures(tmp_path) == {
        "shield": ["a.yaml"],
        "yes": ["a.yaml"],
        "no": ["a.yaml"],
        "prefer-not-to-say": ["a.yaml"],
        "sunny": ["a.yaml"],
    }
