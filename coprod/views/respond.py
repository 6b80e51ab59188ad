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
from flask_babel import gettext as _

from coprod.alerting import send_after_response
from coprod.extensions import csrf, db
from coprod.i18n import gettext_context
from coprod.models import Draft
from coprod.services import end_pages, responses, signposting
from coprod.services.responses import AnswerError
from coprod.services.safeguarding import alerts as safeguarding_alerts
from coprod.services.safeguarding import intake
from coprod.views.housekeeping import draft_is_idle
from coprod.views.tablet import END_KEY, MORE_KEY, OWNER_KEY, SENDER_KEY, current_device

bp = Blueprint("respond", __name__, url_prefix="/r")

NEUTRAL_EXIT_URL = "https://www.bbc.co.uk/weather"


def _draft_or_stop(token: str) -> Draft:
    """Return the draft this browser may answer, or stop with a plain page."""
    # An idle draft is never answered into: it goes as soon as anyone opens it (the rest
    # are cleared out now and then, and thank-you pages check their own time).
    draft = responses.find_draft(token)
    if draft is not None and draft_is_idle(draft):
        responses.discard(draft)
        db.session.commit()
        draft = None
    if draft is None:
        abort(_gone(token))
    if not responses.still_open(draft):
        # The survey was closed, or the ward stopped taking part, while this was answered.
        responses.discard(draft)
        db.session.commit()
        abort(_page("tablet/closed.html", 410))
    if not _is_yours(draft):
        abort(_page("respond/not_yours.html", 403))
    g.kiosk = draft.mode == "kiosk"
    return draft


def _is_yours(draft: Draft) -> bool:
    """Say whether this browser is answering the draft: its tablet, or its personal link."""
    if draft.device_id is not None:
        device = current_device()
        return device is not None and device.id == draft.device_id
    return draft.owner_key is not None and session.get(OWNER_KEY) == draft.owner_key


def _sender() -> str | None:
    """Return the secret this browser was given when this person started (or None)."""
    return session.get(SENDER_KEY)


def _page(template: str, status: int, **context):
    return current_app.make_response((render_template(template, **context), status))


def _gone(token: str):
    """The draft is gone: the browser that sent it, briefly, sees its thank-you page again;
    a Send repeated after its first reply was lost hears that the answers were sent; anyone
    else is told only that the page has expired."""
    if end_pages.find(session.get(END_KEY), token) is not None:
        return redirect(url_for(".done", token=token), 303)
    if end_pages.was_sent(token, _sender()):
        # A second Send whose first reply was lost: the answers did arrive, once.
        return _page("respond/sent.html", 200, kiosk=current_device() is not None)
    return _page("respond/expired.html", 410)


def _exit_url(definition, token: str) -> str | None:
    """The quick exit's address on every page of a sexual-safety survey, or None."""
    return url_for(".quick_exit", token=token) if definition.sexual_safety else None


def _flag_read_within() -> int:
    """The most hours a flagged answer may wait for a safeguarding lead before it is overdue."""
    hours = current_app.config["COPROD_SAFEGUARDING_DUE_HOURS"]
    return max(value for kind, value in hours.items() if kind != "other")


def _more_after(page, token: str) -> str | None:
    """Return where "tell us more" starts after a one-tap answer from this browser, or None."""
    more_token, _sep, after = (session.get(MORE_KEY) or "").partition(":")
    more = responses.find_draft(more_token) if after == token else None
    if more is None or not _is_yours(more) or more.survey_version_id != page.survey_version_id:
        return None
    first = responses.visible_questions(responses.definition_for(more), more.answers or {})
    return url_for(".question", token=more.token, question_id=first[0].id) if first else None


def _end_context(page, token: str) -> dict:
    definition = responses.definition_of(page.survey_version)
    return {
        "more_url": _more_after(page, token),
        **gettext_context(definition.is_easy_read),
        "definition": definition,
        "contacts": signposting.contacts_for(page.ward.site.trust, definition.audience),
        "flagged": page.flagged,
        # What the page promises must be what happens: who reads a flagged answer, how soon.
        "leads": bool(safeguarding_alerts.leads_of(page.ward.site.trust)),
        "read_within": _flag_read_within(),
        "kiosk": page.mode == "kiosk",
        "ward": page.ward,
        "exit_url": _exit_url(definition, token),
    }


def _context(draft: Draft, **extra) -> dict:
    definition = responses.definition_for(draft)
    return {
        **gettext_context(definition.is_easy_read),
        "draft": draft,
        "definition": definition,
        "easy": definition.is_easy_read,
        "exit_url": _exit_url(definition, draft.token),
        **extra,
    }


@bp.get("/<token>")
def intro(token: str):
    """Say what the survey is about and that it is anonymous."""
    draft = _draft_or_stop(token)
    context = _context(draft)
    if context["definition"].one_tap:
        return _tap_page(draft)
    shown = responses.visible_questions(context["definition"], draft.answers or {})
    trust = draft.ward.site.trust
    return render_template(
        "respond/intro.html",
        first=shown[0],
        reads_all=intake.reads_every_answer(trust, context["definition"]),
        leads=bool(safeguarding_alerts.leads_of(trust)),
        **context,
    )


@bp.route("/<token>/q/<question_id>", methods=["GET", "POST"])
def question(token: str, question_id: str):
    """Show one question; on Continue, keep the answer and go to the next page."""
    draft = _draft_or_stop(token)
    definition = responses.definition_for(draft)
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
                # A changed answer may open follow-up questions: ask them, then go back.
                opened = responses.not_yet_asked(definition, answers)
                if opened:
                    return redirect(
                        url_for(
                            ".question",
                            token=token,
                            question_id=opened[0].id,
                            **{"return": "check"},
                        )
                    )
                return redirect(url_for(".check", token=token))
            _before, after = responses.neighbours(definition, answers, question_id)
            if after is None:
                return redirect(url_for(".check", token=token))
            return redirect(url_for(".question", token=token, question_id=after.id))
    number, total = responses.progress(definition, answers, question_id)
    if before:
        back = url_for(".question", token=token, question_id=before.id)
    elif draft.adds_to_response_id is None:
        back = url_for(".intro", token=token)
    else:  # "tell us more": the answer before this one is already sent
        back = None
    return render_template(
        "respond/question.html",
        question=asked,
        value=value,
        error=error,
        number=number,
        total=total,
        back=back,
        # Back to the check page next, unless a changed answer opened more questions.
        returning=request.args.get("return") == "check"
        and not [q for q in responses.not_yet_asked(definition, answers) if q.id != question_id],
        **_context(draft),
    ), 400 if error else 200


@bp.get("/<token>/check")
def check(token: str):
    """Show every answer with a link to change it, and the Send button."""
    return _check_page(_draft_or_stop(token))


def _check_page(draft: Draft, error: str | None = None):
    definition = responses.definition_for(draft)
    answers = draft.answers or {}
    shown = responses.visible_questions(definition, answers)
    return render_template(
        "respond/check.html",
        shown=shown,
        answers=answers,
        error=error,
        back=url_for(".question", token=draft.token, question_id=shown[-1].id),
        **_context(draft),
    ), (400 if error else 200)


@bp.post("/<token>/submit")
def submit(token: str):
    """Store the response once, then show thanks and where to get help."""
    draft = _draft_or_stop(token)
    if not any(value is not None for value in (draft.answers or {}).values()):
        return _check_page(draft, _("Answer at least one question before you send"))
    return _sent(responses.submit(draft), token)


def _sent(result: responses.Submitted, token: str):
    """Show the end page of a sent response to this browser, and deliver its alerts."""
    end_pages.forget(session.get(END_KEY))
    session[END_KEY] = end_pages.create(result.response, token, flagged=bool(result.concerns))
    # Noted after the response's own transaction, never in it, so nothing in the database
    # ties the note's time to the response. (A crash just between loses only the note.)
    if not result.repeated and _sender():
        end_pages.mark_sent(token, _sender())
    db.session.commit()
    if result.alert_ids:
        send_after_response(result.alert_ids)
    # Post, redirect, get: Back and reload never send again or ask to.
    return redirect(url_for(".done", token=token), 303)


def _tap_page(draft: Draft, error: str | None = None):
    """A one-tap survey's first page: the first question, each answer a button that sends."""
    context = _context(draft)
    return render_template(
        "respond/tap.html", question=context["definition"].tap_question, error=error, **context
    ), (400 if error else 200)


@bp.post("/<token>/tap")
def tap(token: str):
    """Send a one-tap answer at once, then offer "tell us more"."""
    draft = _draft_or_stop(token)
    question = responses.definition_for(draft).tap_question
    if question is None:
        abort(404)
    try:
        value = responses.parse_answer(question, request.form.getlist("answer")[:1])
    except AnswerError as exc:
        return _tap_page(draft, str(exc))
    if value is None:
        return _tap_page(draft, _("Choose an answer"))
    result, more = responses.tap(draft, question, value)
    session[MORE_KEY] = f"{more.token}:{token}"
    return _sent(result, token)


@bp.get("/<token>/done")
def done(token: str):
    """Thank the person and show where to get help, in the browser that sent, briefly."""
    page = end_pages.find(session.get(END_KEY), token)
    if page is None:
        return _gone(token)
    g.kiosk = page.mode == "kiosk"
    return render_template("respond/done.html", **_end_context(page, token))


@bp.post("/<token>/exit")
@csrf.exempt  # must never stop on an expired form; it deletes only this browser's answers
def quick_exit(token: str):
    """Leave at once: delete this browser's answers and show something neutral."""
    draft = responses.find_draft(token)
    kiosk = current_device() is not None or (draft is not None and draft.mode == "kiosk")
    if draft is not None and _is_yours(draft):
        responses.discard(draft)
    end_pages.forget(session.pop(END_KEY, None))
    session.pop(OWNER_KEY, None)
    session.pop(MORE_KEY, None)
    session.pop(SENDER_KEY, None)
    db.session.commit()
    return redirect(url_for("tablet.away") if kiosk else NEUTRAL_EXIT_URL, 303)


@bp.post("/<token>/still-here")
def still_here(token: str):
    """Keep a ward tablet's answers in progress while someone is still using the page;
    the page's script calls this now and then, and with no answer the tablet clears."""
    draft = _draft_or_stop(token)
    responses.keep_alive(draft)
    db.session.commit()
    return "", 204
