"""Check the content of one survey file, collecting every problem as a precise line.

survey_files reads folders and records versions; this module knows the rules.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from coprod.services import survey_schema as schema
from coprod.services.survey_fields import FieldChecker, clean_text, describe

HELPED = schema.HELPED_QUESTION_ID
DeclaredAs = tuple[str, str, str]  # (survey id, variant, language)


class SafeLoader(yaml.SafeLoader):
    """Safe YAML that refuses duplicate keys and reads yes/no/on/off as words, not true/false."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                if (key_node.tag, key_node.value) in seen:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        f"found duplicate key {key_node.value!r}",
                        key_node.start_mark,
                    )
                seen.add((key_node.tag, key_node.value))
        return super().construct_mapping(node, deep=deep)


# YAML 1.1 would turn `equals: yes` or `value: no` into booleans; only true/false should be.
SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SafeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _present(**items: Any) -> dict[str, Any]:
    # Absent optional keys stay absent, so adding a new optional key keeps existing hashes.
    return {key: value for key, value in items.items() if value is not None}


class SurveyChecker(FieldChecker):
    """Collects every problem in one parsed file while building its normalised content."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.declared_as: DeclaredAs | None = None
        self.earlier: dict[str, dict[str, Any]] = {}  # usable questions so far, by id
        self.numbers: dict[str, int] = {}
        self.all_ids: set[Any] = set()
        self.measure_ids: dict[str, str] = {}
        self.first_about_you: str | None = None

    def survey(self, raw: dict[Any, Any]) -> dict[str, Any]:
        self.keys("-", raw, schema.SURVEY_KEYS)
        survey_id = self.slug("-", raw, "id", "survey_id")
        data: dict[str, Any] = {
            "id": survey_id,
            "title": self.text("-", raw, "title", required=True, limit=schema.MAX_TITLE),
            "audience": self.choice("-", raw, "audience", schema.AUDIENCES),
            "variant": self.choice("-", raw, "variant", schema.VARIANTS),
            "language": self.slug("-", raw, "language", "language"),
            "sexual_safety": self.flag("-", raw, "sexual_safety", False),
        }
        if None not in (survey_id, data["variant"], data["language"]):
            self.declared_as = (survey_id, data["variant"], data["language"])
        description = self.text("-", raw, "description", required=False, keep_lines=True)
        minutes = self.whole("-", raw, "estimated_minutes", 1, schema.MAX_MINUTES, None)
        data.update(_present(description=description, estimated_minutes=minutes))
        questions = raw.get("questions")
        if not isinstance(questions, list) or not questions:
            state = describe(questions) if "questions" in raw else "missing"
            self.report("-", f"questions must be a list of at least one question, not {state}")
            questions = []
        elif len(questions) > schema.MAX_QUESTIONS:
            self.report(
                "-", f"{len(questions)} questions is over the limit of {schema.MAX_QUESTIONS}"
            )
        self.all_ids = {q.get("id") for q in questions if isinstance(q, dict)}
        data["questions"] = [
            q
            for n, raw_q in enumerate(questions, 1)
            if (q := self.question(n, raw_q, data["variant"], data["language"] or "en"))
        ]
        if self.flag("-", raw, "one_tap", False):
            data["one_tap"] = True
            self.one_tap(data["questions"])
        helped = self.earlier.get(schema.HELPED_QUESTION_ID)
        if data["variant"] == "easy_read" and (helped is None or helped["type"] != "yes_no"):
            self.report("-", f"Easy Read surveys need a yes_no question with id {HELPED!r}")
        return data

    def one_tap(self, questions: list[dict[str, Any]]) -> None:
        """A one-tap survey sends its first answer at once, so that question must take one
        tap, and nothing a safeguarding lead must read can be in it."""
        if not questions:
            return
        first = questions[0]
        where = first["id"] or "question #1"
        if first["type"] not in schema.ONE_TAP_TYPES:
            kinds = ", ".join(schema.ONE_TAP_TYPES)
            self.report(where, f"the first question of a one_tap survey must be one of {kinds}")
        if "report" in first:
            self.report(where, "the first question of a one_tap survey must not report harm")
        if len(questions) < 2:
            self.report("-", "a one_tap survey needs questions after the first, to tell us more")

    def question(self, n: int, raw: Any, variant: str | None, language: str) -> dict | None:
        where = f"question #{n}"
        if not self.mapping(where, raw, "question", "id, type and text"):
            return None
        qid = raw.get("id")
        if isinstance(qid, str) and qid in self.numbers:
            self.report(where, f"id {qid!r} is already used by question #{self.numbers[qid]}")
            qid = None
        else:
            qid = self.slug(where, raw, "id", "id")
            where = qid or where
        self.keys(where, raw, schema.QUESTION_KEYS)
        qtype = self.choice(where, raw, "type", schema.QUESTION_TYPES)
        section = self.choice(where, raw, "section", schema.SECTIONS, default="main")
        data: dict[str, Any] = {
            "id": qid,
            "type": qtype,
            "text": self.text(where, raw, "text", required=True, limit=schema.MAX_TEXT),
            "required": self.flag(where, raw, "required", False),
            "section": section,
        }
        hint = self.text(where, raw, "hint", required=False, keep_lines=True)
        picture = self.slug(where, raw, "picture", "picture", required=False)
        data.update(_present(hint=hint, picture=picture))
        self.answers(where, raw, data, language)
        values = [o["value"] for o in data.get("options", [])]
        if section == "about_you":
            self.first_about_you = self.first_about_you or where
            if data["required"]:
                self.report(where, "about-you questions must not be required")
            if qtype in schema.LISTED_OPTION_TYPES and schema.PREFER_NOT_TO_SAY not in values:
                self.report(where, "about-you questions need a 'prefer_not_to_say' option")
        elif section == "main" and self.first_about_you:
            self.report(
                where, f"main questions must come before about-you {self.first_about_you!r}"
            )
        if variant == "easy_read":
            self.easy_read(where, data)
        show_if = self.show_if(where, raw, qid)
        measure = self.measure(where, raw, data)
        report = self.report_of(where, raw, data)
        data.update(_present(show_if=show_if, measure=measure, report=report))
        if qid is not None:
            self.numbers[qid] = n
            if qtype is not None:
                self.earlier[qid] = data
        return data

    def answers(self, where: str, raw: dict, data: dict[str, Any], language: str) -> None:
        """Check the keys that depend on the question type: options, max_length, screen."""
        qtype = data["type"]
        if qtype in schema.LISTED_OPTION_TYPES:
            data["options"] = self.options(where, raw, qtype)
        elif "options" in raw and qtype is not None:
            implied = " (yes, no and prefer_not_to_say are implied)" if qtype == "yes_no" else ""
            self.report(where, f"{qtype} questions must not have options{implied}")
        if qtype == "yes_no":
            data["options"] = schema.yes_no_options(language)
            if data["options"] is None:
                data["options"] = schema.yes_no_options("en")
                self.report(
                    where, f"yes_no has no standard wording in {language}; use single_choice"
                )
        if qtype == "free_text":
            high, default = schema.MAX_FREE_TEXT, schema.DEFAULT_MAX_LENGTH
            data["max_length"] = self.whole(where, raw, "max_length", 1, high, default)
            data["screen"] = self.flag(where, raw, "screen", True)
        elif qtype is not None:
            for key in ("max_length", "screen"):
                if key in raw:
                    self.report(where, f"{key} only applies to free_text questions")

    def options(self, where: str, raw: dict, qtype: str) -> list[dict[str, Any]]:
        listed = raw.get("options")
        if not isinstance(listed, list):
            if "options" in raw:
                self.report(where, f"options must be a list, not {describe(listed)}")
            else:
                self.report(where, f"options is missing; {qtype} questions need them")
            return []
        options: list[dict[str, Any]] = []
        for i, raw_o in enumerate(listed, 1):
            name = f"option #{i}"
            if not self.mapping(where, raw_o, name, "value and label"):
                continue
            self.keys(where, raw_o, schema.OPTION_KEYS, prefix=f"{name}: ")
            value = self.slug(where, raw_o, "value", "value", name=f"{name}: value")
            label = self.text(
                where, raw_o, "label", required=True, limit=schema.MAX_LABEL, name=f"{name}: label"
            )
            picture = self.slug(where, raw_o, "picture", "picture", False, f"{name}: picture")
            reserved = value in schema.NO_ANSWER_VALUES
            no_answer = self.flag(where, raw_o, "no_answer", reserved, name=f"{name}: no_answer")
            if reserved and not no_answer:
                self.report(where, f"{name}: {value} is always a no_answer option")
                no_answer = True
            # No-answer choices ("Prefer not to say") stand alone among several choices.
            several = qtype == "multiple_choice"
            exclusive = self.flag(
                where, raw_o, "exclusive", several and no_answer, name=f"{name}: exclusive"
            )
            if exclusive and not several:
                self.report(where, f"{name}: exclusive is only for multiple_choice questions")
                exclusive = False
            if qtype == "picture_scale" and not no_answer:
                if "picture" not in raw_o:
                    self.report(
                        where, f"{name}: picture is missing; picture_scale options need one"
                    )
                if options and options[-1]["no_answer"]:
                    self.report(where, f"{name}: scale options must come before no_answer ones")
            if value is not None and any(o["value"] == value for o in options):
                self.report(where, f"{name}: value {value!r} is already used by an earlier option")
            elif value is not None:
                option = {"value": value, "label": label, "no_answer": no_answer}
                option |= {"picture": picture} if picture else {}
                options.append(option | ({"exclusive": True} if exclusive else {}))
        points = sum(not o["no_answer"] for o in options)
        if qtype == "picture_scale" and points < 3:
            self.report(where, f"picture_scale needs at least 3 pictured options, not {points}")
        elif qtype != "picture_scale" and len(listed) < 2:
            self.report(where, f"{qtype} questions need at least 2 options, not {len(listed)}")
        return options

    def easy_read(self, where: str, data: dict[str, Any]) -> None:
        if "picture" not in data:
            self.report(where, "Easy Read questions need a picture")
        if data["type"] != "picture_scale":
            return
        points = sum(not o["no_answer"] for o in data["options"])
        if points != schema.EASY_READ_SCALE_POINTS:
            self.report(where, f"Easy Read picture scales need 3 pictured options, not {points}")
        values = [o["value"] for o in data["options"]]
        for needed in schema.NO_ANSWER_VALUES:
            if needed not in values:
                self.report(where, f"Easy Read picture scales need a {needed!r} option")

    def show_if(self, where: str, raw: dict, qid: str | None) -> dict[str, Any] | None:
        cond = raw.get("show_if")
        if cond is None and "show_if" not in raw:
            return None
        if not self.mapping(where, cond, "show_if", "question and equals or in"):
            return None
        self.keys(where, cond, schema.SHOW_IF_KEYS, prefix="show_if: ")
        if ("equals" in cond) == ("in" in cond):
            self.report(where, "show_if needs exactly one of equals or in")
            return None
        wanted = [cond["equals"]] if "equals" in cond else cond["in"]
        if not isinstance(wanted, list) or not wanted:
            self.report(where, f"show_if: in must be a list of values, not {describe(wanted)}")
            return None
        target = cond.get("question")
        earlier = self.earlier.get(target) if isinstance(target, str) else None
        if target is None:
            self.report(where, "show_if: question is missing")
        elif not isinstance(target, str):
            self.report(where, f"show_if: question must be a question id, not {describe(target)}")
        elif target == qid:
            self.report(where, "show_if refers to the question itself")
        elif target in self.numbers and earlier is None:
            pass  # that question's own problems are already reported
        elif target in self.all_ids and earlier is None:
            self.report(where, f"show_if refers to later question {target!r}")
        elif earlier is None:
            self.report(where, f"show_if refers to unknown question {target!r}")
        elif earlier["type"] not in schema.CHOICE_TYPES:
            self.report(
                where, f"show_if refers to {target!r}, a {earlier['type']} question, not a choice"
            )
        else:
            values = [o["value"] for o in earlier["options"]]
            for value in wanted:
                if value not in values:
                    self.report(
                        where, f"show_if value {describe(value)} is not an option of {target!r}"
                    )
            return {"question": target, "in": [v for v in values if v in wanted]}
        return None

    def measure(self, where: str, raw: dict, question: dict[str, Any]) -> dict[str, Any] | None:
        measure = raw.get("measure")
        if (measure is None and "measure" not in raw) or question["type"] is None:
            return None
        if question["type"] not in schema.CHOICE_TYPES:
            self.report(where, f"measure does not apply to {question['type']} questions")
            return None
        if question["section"] == "about_you":
            self.report(where, "measure cannot be on an about-you question")
        if not self.mapping(where, measure, "measure", "id, label and positive"):
            return None
        self.keys(where, measure, schema.MEASURE_KEYS, prefix="measure: ")
        mid = self.slug(where, measure, "id", "id", name="measure: id")
        if mid in self.measure_ids:
            self.report(where, f"measure: id {mid!r} is already used by {self.measure_ids[mid]!r}")
        elif mid is not None:
            self.measure_ids[mid] = where
        label = self.text(
            where, measure, "label", required=True, limit=schema.MAX_LABEL, name="measure: label"
        )
        positive = measure.get("positive")
        if not isinstance(positive, list) or not positive:
            self.report(
                where, f"measure: positive must be a list of values, not {describe(positive)}"
            )
            return None
        options = {o["value"]: o for o in question.get("options", [])}
        for value in positive:
            if value not in options:
                self.report(where, f"measure: positive value {describe(value)} is not an option")
            elif options[value]["no_answer"]:
                self.report(where, f"measure: positive value {value!r} is a no_answer option")
        return {"id": mid, "label": label, "positive": [v for v in options if v in positive]}

    def report_of(self, where: str, raw: dict, question: dict[str, Any]) -> dict[str, Any] | None:
        """Check `report`: answers that are themselves a report of harm for safeguarding."""
        report = raw.get("report")
        if (report is None and "report" not in raw) or question["type"] is None:
            return None
        if question["type"] not in schema.CHOICE_TYPES:
            self.report(where, f"report does not apply to {question['type']} questions")
            return None
        if not self.mapping(where, report, "report", "concern and values"):
            return None
        self.keys(where, report, schema.REPORT_KEYS, prefix="report: ")
        concern = self.choice(where, report, "concern", schema.CONCERNS, name="report: concern")
        values = report.get("values")
        if not isinstance(values, list) or not values:
            self.report(where, f"report: values must be a list of values, not {describe(values)}")
            return None
        options = {o["value"]: o for o in question.get("options", [])}
        for value in values:
            if value not in options:
                self.report(where, f"report: value {describe(value)} is not an option")
            elif options[value]["no_answer"]:
                self.report(where, f"report: value {value!r} is a no_answer option")
        if concern is None:
            return None
        return {"concern": concern, "values": [v for v in options if v in values]}


def read_yaml(path: Path, checker: SurveyChecker) -> dict[Any, Any] | None:
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        checker.report("-", f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        text = raw_bytes.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw_bytes[: exc.start].count(b"\n") + 1
        checker.report("-", f"not UTF-8 text: byte 0x{raw_bytes[exc.start]:02x} on line {line}")
        return None
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f" on line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        checker.report("-", f"not valid YAML{at}: {exc.problem or exc.context}")
        return None
    except yaml.YAMLError as exc:
        checker.report("-", f"not valid YAML: {clean_text(str(exc))}")
        return None
    if data is None:
        checker.report("-", "the file is empty")
    elif not isinstance(data, dict):
        checker.report(
            "-", f"the file must be a mapping of keys such as id and title, not {describe(data)}"
        )
    else:
        return data
    return None
