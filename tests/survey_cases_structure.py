"""Survey files with one problem each, and the problem line each must give: the survey as
a whole, question ids and keys, options and free-text settings."""

from __future__ import annotations

import pytest

from tests.survey_builders import (
    LONG,
    NO_ANSWERS,
    SAFE,
    THREE,
    scale,
    survey,
)

STRUCTURE_CASES = [
    # The survey as a whole.
    pytest.param(
        survey(descripton="Hello"),
        "-",
        "unknown key 'descripton' (did you mean 'description'?)",
        id="unknown-survey-key",
    ),
    pytest.param(
        survey(id="Ward Weather"),
        "-",
        "id 'Ward Weather' must be lowercase letters, digits and hyphens, at most 80 characters",
        id="bad-survey-id",
    ),
    pytest.param(survey(id=None), "-", "id is missing", id="missing-survey-id"),
    pytest.param(survey(title=""), "-", "title is empty", id="empty-title"),
    pytest.param(
        survey(title=LONG), "-", "title is 121 characters long; the limit is 120", id="long-title"
    ),
    pytest.param(
        survey(audience="patients"),
        "-",
        "audience must be one of patient, staff, not 'patients'",
        id="bad-audience",
    ),
    pytest.param(survey(variant=None), "-", "variant is missing", id="missing-variant"),
    pytest.param(
        survey(language="English"),
        "-",
        "language 'English' must be a language tag such as en or en-GB, at most 20 characters",
        id="bad-language",
    ),
    pytest.param(
        survey(sexual_safety="yes"),
        "-",
        "sexual_safety must be true or false, not 'yes'",
        id="yes-is-not-true",
    ),
    pytest.param(
        survey(estimated_minutes="0"),
        "-",
        "estimated_minutes must be a whole number from 1 to 120, not the number 0",
        id="zero-minutes",
    ),
    pytest.param(
        survey("  []\n"),
        "-",
        "questions must be a list of at least one question, not an empty list",
        id="no-questions",
    ),
    pytest.param(
        survey("".join(f"  - {{id: q{n}, type: yes_no, text: Question {n}}}\n" for n in range(61))),
        "-",
        "61 questions is over the limit of 60",
        id="too-many-questions",
    ),
    # Question ids and keys.
    pytest.param(
        survey("  - Do you feel safe?\n"),
        "question #1",
        "question must be a mapping with id, type and text, not 'Do you feel safe?'",
        id="question-not-mapping",
    ),
    pytest.param(
        survey("  - type: yes_no\n    text: Safe?\n"),
        "question #1",
        "id is missing",
        id="missing-question-id",
    ),
    pytest.param(
        survey("  - id: Safe-1\n    type: yes_no\n    text: Safe?\n"),
        "question #1",
        "id 'Safe-1' must be lowercase letters, digits and underscores, starting with a letter, "
        "at most 50 characters",
        id="bad-question-id",
    ),
    pytest.param(
        survey(SAFE + SAFE),
        "question #2",
        "id 'safe' is already used by question #1",
        id="duplicate-question-id",
    ),
    pytest.param(
        survey(SAFE + "    show_iff: {question: x, equals: y}\n"),
        "safe",
        "unknown key 'show_iff' (did you mean 'show_if'?)",
        id="typo-show_iff",
    ),
    pytest.param(
        survey("  - id: safe\n    text: Safe?\n"), "safe", "type is missing", id="missing-type"
    ),
    pytest.param(
        survey("  - id: safe\n    type: scale\n    text: Safe?\n"),
        "safe",
        "type must be one of single_choice, multiple_choice, picture_scale, yes_no, free_text, "
        "not 'scale'",
        id="unknown-type",
    ),
    pytest.param(
        survey("  - id: safe\n    type: yes_no\n"), "safe", "text is missing", id="missing-text"
    ),
    pytest.param(
        survey("  - id: safe\n    type: yes_no\n    text: '   '\n"),
        "safe",
        "text is empty",
        id="blank-text",
    ),
    pytest.param(
        survey(f"  - id: safe\n    type: yes_no\n    text: {'y' * 301}\n"),
        "safe",
        "text is 301 characters long; the limit is 300",
        id="long-text",
    ),
    pytest.param(
        survey(SAFE + "    required: yes\n"),
        "safe",
        "required must be true or false, not 'yes'",
        id="required-yes",
    ),
    pytest.param(
        survey(SAFE + "    picture: Shield.png\n"),
        "safe",
        "picture 'Shield.png' must be a picture name: lowercase letters and digits, joined by - "
        "or _, at most 50 characters",
        id="bad-picture",
    ),
    pytest.param(
        survey(SAFE + "    section: demographics\n"),
        "safe",
        "section must be one of main, about_you, not 'demographics'",
        id="bad-section",
    ),
    # Options.
    pytest.param(
        survey("  - id: pick\n    type: single_choice\n    text: Pick\n"),
        "pick",
        "options is missing; single_choice questions need them",
        id="missing-options",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: single_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n"
        ),
        "pick",
        "single_choice questions need at least 2 options, not 1",
        id="one-option",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: multiple_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n      - {value: a, label: B}\n"
        ),
        "pick",
        "option #2: value 'a' is already used by an earlier option",
        id="duplicate-option-value",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: single_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n      - {value: b}\n"
        ),
        "pick",
        "option #2: label is missing",
        id="option-without-label",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: single_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n      - {value: Calm, label: Calm}\n"
        ),
        "pick",
        "option #2: value 'Calm' must be lowercase letters, digits and underscores, "
        "at most 50 characters",
        id="bad-option-value",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: single_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n      - {value: b, lable: B, label: B}\n"
        ),
        "pick",
        "option #2: unknown key 'lable' (did you mean 'label'?)",
        id="option-typo",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: single_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n"
            "      - {value: prefer_not_to_say, label: Rather not, no_answer: false}\n"
        ),
        "pick",
        "option #2: prefer_not_to_say is always a no_answer option",
        id="reserved-value-no_answer-false",
    ),
    pytest.param(
        survey(scale(*THREE[:2], "{value: c, label: C}")),
        "mood",
        "option #3: picture is missing; picture_scale options need one",
        id="scale-point-without-picture",
    ),
    pytest.param(
        survey(scale(*THREE[:2], "{value: dont_know, label: Don't know}")),
        "mood",
        "picture_scale needs at least 3 pictured options, not 2",
        id="scale-too-short",
    ),
    pytest.param(
        survey(scale(*THREE[:2], NO_ANSWERS[0], THREE[2])),
        "mood",
        "option #4: scale options must come before no_answer ones",
        id="no_answer-before-scale-point",
    ),
    pytest.param(
        survey(SAFE + "    options: [{value: yes, label: Yes}]\n"),
        "safe",
        "yes_no questions must not have options (yes, no and prefer_not_to_say are implied)",
        id="yes_no-with-options",
    ),
    pytest.param(
        survey("  - id: say\n    type: free_text\n    text: Say\n    options: []\n"),
        "say",
        "free_text questions must not have options",
        id="free_text-with-options",
    ),
    pytest.param(
        survey(SAFE, language="cy"),
        "safe",
        "yes_no has no standard wording in cy; use single_choice",
        id="yes_no-in-welsh",
    ),
    # free_text settings.
    pytest.param(
        survey("  - id: say\n    type: free_text\n    text: Say\n    max_length: 6000\n"),
        "say",
        "max_length must be a whole number from 1 to 5000, not the number 6000",
        id="max_length-too-big",
    ),
    pytest.param(
        survey("  - id: say\n    type: free_text\n    text: Say\n    max_length: long\n"),
        "say",
        "max_length must be a whole number from 1 to 5000, not 'long'",
        id="max_length-not-number",
    ),
    pytest.param(
        survey(SAFE + "    max_length: 100\n"),
        "safe",
        "max_length only applies to free_text questions",
        id="max_length-on-choice",
    ),
    pytest.param(
        survey(SAFE + "    screen: false\n"),
        "safe",
        "screen only applies to free_text questions",
        id="screen-on-choice",
    ),
]
