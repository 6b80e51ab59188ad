"""Read, check and version survey files: one YAML file per survey in the survey folder.

Every problem is reported as one line, `file: question id: problem`, using `-` for the
survey as a whole and `question #N` for a question without a usable id. The file format
is described in surveys/README.md; its constants and dataclasses are in survey_schema.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select

from coprod.extensions import db
from coprod.models import SurveyVersion
from coprod.services import survey_schema as schema
from coprod.services.survey_checks import DeclaredAs, SurveyChecker, read_yaml
from coprod.services.survey_schema import (  # noqa: F401
    Measure,
    Option,
    Question,
    ShowIf,
    SurveyDefinition,
    content_hash,
    definition_from_data,
)

logger = logging.getLogger(__name__)

CODEBOOK_NAME = "codebook.yaml"
HELPED = schema.HELPED_QUESTION_ID


class SurveyFileError(ValueError):
    """One or more survey files have problems; problems holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def _check(path: Path) -> tuple[SurveyDefinition | None, list[str], DeclaredAs | None]:
    checker = SurveyChecker(str(path))
    raw = read_yaml(path, checker)
    if raw is None:
        return None, checker.problems, None
    data = checker.survey(raw)
    if checker.problems:
        return None, checker.problems, checker.declared_as
    return definition_from_data(data, path), [], checker.declared_as


def _check_all(paths: list[Path]) -> tuple[list[SurveyDefinition], list[str]]:
    definitions: list[SurveyDefinition] = []
    problems: list[str] = []
    declared: dict[DeclaredAs, Path] = {}
    for path in paths:
        definition, file_problems, key = _check(Path(path))
        problems.extend(file_problems)
        if key is not None and key in declared:
            also = f"{key[0]} ({key[1]}, {key[2]}) is also declared in {declared[key]}"
            problems.append(f"{path}: -: {also}")
        elif key is not None:
            declared[key] = path
        if definition is not None:
            definitions.append(definition)
    return definitions, problems


def default_paths(directory: str | Path) -> list[Path]:
    """Return every survey file in directory, sorted by name, leaving out the codebook."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(
        path
        for path in directory.iterdir()
        if path.suffix in (".yaml", ".yml")
        and path.name != CODEBOOK_NAME
        and not path.name.startswith(".")  # editors' hidden swap and backup files
        and path.is_file()
    )


def load_file(path: Path) -> SurveyDefinition:
    """Read and check one survey file; raise SurveyFileError listing every problem."""
    definition, problems, _ = _check(Path(path))
    if definition is None:
        raise SurveyFileError(problems)
    return definition


def validate_paths(paths: list[Path]) -> list[str]:
    """Return every problem in the given survey files, including clashing declarations."""
    return _check_all(paths)[1]


def load_directory(directory: str | Path) -> list[SurveyDefinition]:
    """Read and check every survey file in directory; raise SurveyFileError if any has problems."""
    definitions, problems = _check_all(default_paths(directory))
    if problems:
        raise SurveyFileError(problems)
    return definitions


def register_versions(definitions: list[SurveyDefinition]) -> list[SurveyVersion]:
    """Record a SurveyVersion for each definition not seen before; return the new rows."""
    hashes = {d.content_hash for d in definitions}
    query = select(SurveyVersion.content_hash).where(SurveyVersion.content_hash.in_(hashes))
    known = set(db.session.scalars(query))
    new: list[SurveyVersion] = []
    for definition in definitions:
        if definition.content_hash in known:
            continue
        known.add(definition.content_hash)
        version = SurveyVersion(
            survey_id=definition.id,
            content_hash=definition.content_hash,
            title=definition.title,
            audience=definition.audience,
            variant=definition.variant,
            language=definition.language,
            definition=definition.data,
            source_file=definition.source.name,
        )
        db.session.add(version)
        new.append(version)
        logger.info("New survey version %s from %s", version.content_hash[:12], version.source_file)
    if new:
        db.session.flush()
    return new
