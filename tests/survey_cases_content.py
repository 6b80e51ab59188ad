"""Survey files with one problem each, and the problem line each must give: show_if,
measures, reports of harm, about-you questions, Easy Read and the file itself."""

from __future__ import annotations

import pytest

from tests.survey_builders import (
    HELPED,
    NO_ANSWERS,
    PICTURED,
    SAFE,
    THREE,
    easy_read,
    scale,
    survey,
)

CONTENT_CASES = [
    # show_if.
    pytest.param(
        survey(
            SAFE + "  - id: q3\n    type: free_text\n    text: Why?\n"
            "    show_if: {question: q9, equals: no}\n"
        ),
        "q3",
        "show_if refers to unknown question 'q9'",
        id="show_if-unknown",
    ),
    pytest.param(
        survey(
            "  - id: why\n    type: free_text\n    text: Why?\n"
            "    show_if: {question: safe, equals: no}\n" + SAFE
        ),
        "why",
        "show_if refers to later question 'safe'",
        id="show_if-later",
    ),
    pytest.param(
        survey(
            SAFE.replace("yes_no", "yes-no")
            + "  - id: why\n    type: free_text\n    text: Why?\n"
            + "    show_if: {question: safe, equals: no}\n"
        ),
        "safe",
        "type must be one of single_choice, multiple_choice, picture_scale, yes_no, free_text, "
        "not 'yes-no'",
        id="show_if-to-question-with-its-own-problem",
    ),
    pytest.param(
        survey(SAFE + "    show_if: {question: safe, equals: no}\n"),
        "safe",
        "show_if refers to the question itself",
        id="show_if-self",
    ),
    pytest.param(
        survey(
            "  - id: say\n    type: free_text\n    text: Say\n"
            + SAFE
            + "    show_if: {question: say, equals: x}\n"
        ),
        "safe",
        "show_if refers to 'say', a free_text question, not a choice",
        id="show_if-free-text",
    ),
    pytest.param(
        survey(
            SAFE + "  - id: why\n    type: free_text\n    text: Why?\n"
            "    show_if: {question: safe, in: [no, maybe]}\n"
        ),
        "why",
        "show_if value 'maybe' is not an option of 'safe'",
        id="show_if-value-not-option",
    ),
    pytest.param(
        survey(
            SAFE + "  - id: why\n    type: free_text\n    text: Why?\n"
            "    show_if: {question: safe, equals: no, in: [no]}\n"
        ),
        "why",
        "show_if needs exactly one of equals or in",
        id="show_if-equals-and-in",
    ),
    pytest.param(
        survey(
            SAFE + "  - id: why\n    type: free_text\n    text: Why?\n"
            "    show_if: {question: safe, in: []}\n"
        ),
        "why",
        "show_if: in must be a list of values, not an empty list",
        id="show_if-empty-in",
    ),
    pytest.param(
        survey(SAFE + "  - id: why\n    type: free_text\n    text: Why?\n    show_if: safe\n"),
        "why",
        "show_if must be a mapping with question and equals or in, not 'safe'",
        id="show_if-not-mapping",
    ),
    # Measures.
    pytest.param(
        survey(
            "  - id: say\n    type: free_text\n    text: Say\n"
            "    measure: {id: m, label: M, positive: [x]}\n"
        ),
        "say",
        "measure does not apply to free_text questions",
        id="measure-on-free_text",
    ),
    pytest.param(
        survey(SAFE + "    measure: {id: m, label: M, positive: [maybe]}\n"),
        "safe",
        "measure: positive value 'maybe' is not an option",
        id="measure-unknown-value",
    ),
    pytest.param(
        survey(SAFE + "    measure: {id: m, label: M, positive: [yes, prefer_not_to_say]}\n"),
        "safe",
        "measure: positive value 'prefer_not_to_say' is a no_answer option",
        id="measure-no_answer-value",
    ),
    pytest.param(
        survey(
            SAFE
            + "    measure: {id: m, label: M, positive: [yes]}\n"
            + SAFE.replace("safe", "safe2")
            + "    measure: {id: m, label: N, positive: [no]}\n"
        ),
        "safe2",
        "measure: id 'm' is already used by 'safe'",
        id="duplicate-measure-id",
    ),
    pytest.param(
        survey(SAFE + "    measure: {id: m, label: M}\n"),
        "safe",
        "measure: positive must be a list of values, not empty",
        id="measure-without-positive",
    ),
    # Structured reports of harm, for safeguarding.
    pytest.param(
        survey(SAFE + "    report: {concern: bullying, values: [yes]}\n"),
        "safe",
        "report: concern must be one of sexual_harm, abuse, self_harm, suicidal, not 'bullying'",
        id="report-unknown-concern",
    ),
    pytest.param(
        survey(SAFE + "    report: {concern: abuse, values: [maybe]}\n"),
        "safe",
        "report: value 'maybe' is not an option",
        id="report-unknown-value",
    ),
    pytest.param(
        survey(SAFE + "    report: {concern: abuse, values: [prefer_not_to_say]}\n"),
        "safe",
        "report: value 'prefer_not_to_say' is a no_answer option",
        id="report-no_answer-value",
    ),
    pytest.param(
        survey(SAFE + "    report: {concern: abuse}\n"),
        "safe",
        "report: values must be a list of values, not empty",
        id="report-without-values",
    ),
    pytest.param(
        survey(SAFE + "    report: {concern: abuse, values: [yes], when: now}\n"),
        "safe",
        "report: unknown key 'when'",
        id="report-unknown-key",
    ),
    pytest.param(
        survey(
            "  - id: words\n    type: free_text\n    text: Tell us\n"
            "    report: {concern: abuse, values: [yes]}\n"
        ),
        "words",
        "report does not apply to free_text questions",
        id="report-on-free-text",
    ),
    pytest.param(
        survey(SAFE + "    report: sexual_harm\n"),
        "safe",
        "report must be a mapping with concern and values, not 'sexual_harm'",
        id="report-not-a-mapping",
    ),
    # About-you questions.
    pytest.param(
        survey(SAFE + "    section: about_you\n    required: true\n"),
        "safe",
        "about-you questions must not be required",
        id="about_you-required",
    ),
    pytest.param(
        survey(
            "  - id: age\n    section: about_you\n    type: single_choice\n    text: Age?\n"
            "    options: [{value: young, label: Young}, {value: old, label: Old}]\n"
        ),
        "age",
        "about-you questions need a 'prefer_not_to_say' option",
        id="about_you-without-prefer-not-to-say",
    ),
    pytest.param(
        survey(SAFE.replace("safe", "helped") + "    section: about_you\n" + SAFE),
        "safe",
        "main questions must come before about-you 'helped'",
        id="main-after-about_you",
    ),
    pytest.param(
        survey(SAFE + "    section: about_you\n    measure: {id: m, label: M, positive: [yes]}\n"),
        "safe",
        "measure cannot be on an about-you question",
        id="measure-on-about_you",
    ),
    # Easy Read.
    pytest.param(
        easy_read(SAFE + HELPED),
        "safe",
        "Easy Read questions need a picture",
        id="easy-read-no-picture",
    ),
    pytest.param(
        easy_read(PICTURED),
        "-",
        "Easy Read surveys need a yes_no question with id 'helped'",
        id="easy-read-no-helped",
    ),
    pytest.param(
        easy_read(scale(*THREE, "{value: d, label: D, picture: rain}", *NO_ANSWERS) + HELPED),
        "mood",
        "Easy Read picture scales need 3 pictured options, not 4",
        id="easy-read-four-points",
    ),
    pytest.param(
        easy_read(scale(*THREE, NO_ANSWERS[1]) + HELPED),
        "mood",
        "Easy Read picture scales need a 'dont_know' option",
        id="easy-read-no-dont-know",
    ),
    # The file itself.
    pytest.param("", "-", "the file is empty", id="empty-file"),
    pytest.param("# just a comment\n\n", "-", "the file is empty", id="comments-only"),
    pytest.param(
        "- id: x\n- title: y\n",
        "-",
        "the file must be a mapping of keys such as id and title, not a list",
        id="top-level-list",
    ),
    pytest.param(
        "id: x\ntitle: [unclosed\naudience: patient\n",
        "-",
        "not valid YAML on line 3, column 9: expected ',' or ']', but got ':'",
        id="malformed-yaml",
    ),
    pytest.param(
        survey("  - id: safe\n    type: yes_no\n    text: Safe?\n    text: Sure?\n"),
        "-",
        "not valid YAML on line 10, column 5: found duplicate key 'text'",
        id="duplicate-key",
    ),
    pytest.param(
        b"id: caf\xe9\ntitle: x\n",
        "-",
        "not UTF-8 text: byte 0xe9 on line 1",
        id="not-utf8",
    ),
]
