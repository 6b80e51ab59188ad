"""What a safeguarding lead reads on an item: every answer in the survey's own words, and
what raised it in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from coprod.models import SafeguardingItem
from coprod.screening.reasons import describe
from coprod.services.responses import definition_of


@dataclass(frozen=True)
class ShownAnswer:
    """One answered question as the respondent saw it."""

    question: str
    answer: str
    free_text: bool
    reported: bool = False


def answers_of(item: SafeguardingItem) -> list[ShownAnswer]:
    """Return the response's answers in question order, with option labels, unredacted."""
    definition = definition_of(item.response.survey_version)
    by_question: dict[str, list] = {}
    for answer in item.response.answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    reported = {reason for reason in item.reasons if "=" in reason}
    shown = []
    for question in definition.questions:
        answers = by_question.get(question.id)
        if not answers:
            continue
        if question.type == "free_text":
            text = "\n".join(a.text or "" for a in answers)
            shown.append(ShownAnswer(question.text, text, True))
            continue
        labels = []
        hit = False
        order = {option.value: i for i, option in enumerate(question.options)}
        for answer in sorted(answers, key=lambda a: order.get(a.choice or "", len(order))):
            option = question.option(answer.choice or "")
            labels.append(option.label if option else answer.choice or "")
            hit = hit or f"{question.id}={answer.choice}" in reported
        shown.append(ShownAnswer(question.text, ", ".join(labels), False, hit))
    return shown


def reasons_of(item: SafeguardingItem) -> list[str]:
    """Return what raised the item, in plain words."""
    if not item.flagged:
        return ["This trust reads every free-text answer to this survey; nothing flagged it."]
    definition = definition_of(item.response.survey_version)
    words = []
    for reason in item.reasons:
        question_id, _, value = reason.partition("=")
        if not value:
            words.append(f"The screen: {describe(reason)}")
            continue
        try:
            question = definition.question(question_id)
        except KeyError:
            words.append(f"Answered {value} to {question_id}")
            continue
        option = question.option(value)
        label = option.label if option else value
        words.append(f"Answered “{label}” to “{question.text}”")
    return words


def free_text_of(item: SafeguardingItem) -> list[str]:
    """Return the response's free-text answers, unredacted, in question order."""
    return [shown.answer for shown in answers_of(item) if shown.free_text]
