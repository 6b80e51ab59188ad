"""A respondent's pages: intro, one question per page, check answers, submit, end page."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from coprod.alerting import send_after_response
from coprod.extensions import db
from coprod.i18n import gettext_context
from coprod.models import Draft
from coprod.models.base import utcnow
from coprod.services import responses, signposting
from coprod.services.responses import AnswerError
from coprod.views.tablet import OWNER_KEY, current_device

bp = Blueprint("respond", __name__, url_prefix="/r")

NEUTRAL_EXIT_URL = "https://www.bbc.co.uk/weather"


def _draft_or_stop(token: str) -> Draft:
    """Return the draft this browser may answer, or stop with a plain page."""
    draft = responses.find_draft(token)
    if draft is None:
        abort(_gone(token))
    idle = utcnow() - draft.updated_at
    if idle.total_seconds() > 60 * current_app.config["COPROD_DRAFT_IDLE_MINUTES"]:
        responses.discard(draft)
        db.session.commit()
        abort(_gone(token))
    if draft.device_id is not None:
        device = current_device()
        if device is None or device.id != draft.device_id:
            abort(_page("respond/not_yours.html", 403))
    elif draft.owner_key is None or session.get(OWNER_KEY) != draft.owner_key:
        abort(_page("respond/not_yours.html", 403))
    g.kiosk = draft.mode == "kiosk"
    return draft


def _page(template: str, status: int, **context):
    return current_app.make_response((render_template(template, **context), status))


def _gone(token: str):
    """The draft is gone: if it was submitted, say thank you again; otherwise start again."""
    response = responses.submitted_response(token)
    if response is not None:
        return _page("respond/done.html", 200, **_end_context(response))
    return _page("respond/expired.html", 410)


def _end_context(response, concerns=None) -> dict:
    trust = response.ward.site.trust
    if concerns is None:
        concerns = responses.concerns_of(response)
    definition = responses.definition_of(response.survey_version)
    return {
        **gettext_context(definition.is_easy_read),
        "definition": definition,
        "contacts": signposting.contacts_for(trust),
        "flagged": bool(concerns),
        "kiosk": response.mode == "kiosk",
        "ward": response.ward,
    }


def _context(draft: Draft, **extra) -> dict:
    definition = responses.definition_of(draft.survey_version)
    return {
        **gettext_context(definition.is_easy_read),
        "draft": draft,
        "definition": definition,
        "easy": definition.is_easy_read,
        **extra,
    }


@bp.get("/<token>")
def intro(token: str):
    """Say what the survey is about and that it is anonymous."""
    draft = _draft_or_stop(token)
    context = _context(draft)
    shown = responses.visible_questions(context["definition"], draft.answers or {})
    return render_template("respond/intro.html", first=shown[0], **context)


@bp.route("/<token>/q/<question_id>", methods=["GET", "POST"])
def question(token: str, question_id: str):
    """Show one question; on Continue, keep the answer and go to the next page."""
    draft = _draft_or_stop(token)
    definition = responses.definition_of(draft.survey_version)
    answers = draft.answers or {}
    try:
        asked = definition.question(question_id)
    except KeyError:
        abort(404)
    if not responses.is_visible(asked, answers):
        # Skip logic hides this question now (an earlier answer changed).
        return redirect(url_for(".check", token=token))
    before, after = responses.neighbours(definition, answers, question_id)
    error = None
    value = answers.get(question_id)
    if request.method == "POST":
        try:
            value = responses.parse_answer(asked, request.form.getlist("answer"))
        except AnswerError as exc:
            error = str(exc)
            value = request.form.get("answer") if asked.type == "free_text" else None
        else:
            responses.save_answer(draft, asked, value)
            db.session.commit()
            answers = draft.answers
            if request.args.get("return") == "check":
                return redirect(url_for(".check", token=token))
            _before, after = responses.neighbours(definition, answers, question_id)
            if after is None:
                return redirect(url_for(".check", token=token))
            return redirect(url_for(".question", token=token, question_id=after.id))
    shown = responses.visible_questions(definition, answers)
    number = [q.id for q in shown].index(question_id) + 1
    back = (
        url_for(".question", token=token, question_id=before.id)
        if before
        else url_for(".intro", token=token)
    )
    return render_template(
        "respond/question.html",
        question=asked,
        value=value,
        error=error,
        number=number,
        total=len(shown),
        back=back,
        returning=request.args.get("return") == "check",
        **_context(draft),
    ), 400 if error else 200


@bp.get("/<token>/check")
def check(token: str):
    """Show every answer with a link to change it, and the Send button."""
    draft = _draft_or_stop(token)
    definition = responses.definition_of(draft.survey_version)
    answers = draft.answers or {}
    shown = responses.visible_questions(definition, answers)
    return render_template(
        "respond/check.html",
        shown=shown,
        answers=answers,
        back=url_for(".question", token=token, question_id=shown[-1].id),
        **_context(draft),
    )


@bp.post("/<token>/submit")
def submit(token: str):
    """Store the response once, then show thanks and where to get help."""
    draft = _draft_or_stop(token)
    result = responses.submit(draft)
    if result.alert_ids:
        send_after_response(result.alert_ids)
    return render_template("respond/done.html", **_end_context(result.response, result.concerns))


@bp.get("/<token>/exit")
def quick_exit(token: str):
    """Leave at once: delete the answers and show something neutral."""
    draft = responses.find_draft(token)
    kiosk = draft is not None and draft.mode == "kiosk"
    if draft is not None:
        responses.discard(draft)
        db.session.commit()
    session.pop(OWNER_KEY, None)
    return redirect(url_for("tablet.start") if kiosk else NEUTRAL_EXIT_URL)
