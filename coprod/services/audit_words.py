"""Audit records in plain words, for people reading the log.

The stored action codes ("user.create", "survey.open") stay as they are; this is the one
place they are turned into sentences. A code with no words here still reads as a sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from coprod.extensions import db
from coprod.models import (
    AuditEvent,
    Device,
    Role,
    Site,
    SurveyVersion,
    Trust,
    User,
    Ward,
    WardSurvey,
)
from coprod.models.org import READ_FREE_TEXT, WardType

NO_ACTOR = "A server command"  # the command line, or the demo data
LOGIN_REASONS = {
    "unknown": "there is no account with that address",
    "password": "wrong password",
    "locked": "the account was paused",
    "disabled": "the account is disabled",
}


@dataclass(frozen=True)
class Entry:
    """One audit record with its sentence."""

    event: AuditEvent
    text: str


@dataclass
class _Names:
    """What the records on one page refer to, fetched in a few queries."""

    users: dict[int, User] = field(default_factory=dict)
    trusts: dict[int, Trust] = field(default_factory=dict)
    objects: dict[tuple[str, int], Any] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def object(self, event: AuditEvent) -> Any:
        """Return the object a record is about, if it still exists."""
        if not event.object_id.isdigit():
            return None
        return self.objects.get((event.object_type, int(event.object_id)))

    def person(self, user_id: int | None, fallback: str = "") -> str:
        """Return how to name an account: its name, else its e-mail address."""
        user = self.users.get(user_id) if user_id is not None else None
        if user is not None:
            return user.name or user.email
        return fallback

    def account(self, event: AuditEvent) -> str:
        """Return the e-mail address of the account a record is about."""
        user = self.object(event)
        if isinstance(user, User):
            return user.email
        return (event.detail or {}).get("email") or f"account {event.object_id}"

    def trust(self, event: AuditEvent) -> str:
        """Return the name of the trust a record belongs to."""
        trust = self.trusts.get(event.trust_id) if event.trust_id is not None else None
        return trust.name if trust is not None else "a trust"


_MODELS = {"user": User, "ward": Ward, "site": Site, "device": Device, "wardsurvey": WardSurvey}


def _load(events: Sequence[AuditEvent]) -> _Names:
    names = _Names()
    wanted: dict[str, set[int]] = {kind: set() for kind in _MODELS}
    for event in events:
        if event.object_type in wanted and event.object_id.isdigit():
            wanted[event.object_type].add(int(event.object_id))
    wanted["user"] |= {e.actor_id for e in events if e.actor_id is not None}
    for kind, ids in wanted.items():
        if ids:
            model = _MODELS[kind]
            for obj in db.session.scalars(select(model).where(model.id.in_(ids))):
                names.objects[(kind, obj.id)] = obj
    names.users = {key[1]: obj for key, obj in names.objects.items() if key[0] == "user"}
    trust_ids = {e.trust_id for e in events if e.trust_id is not None}
    if trust_ids:
        names.trusts = {
            t.id: t for t in db.session.scalars(select(Trust).where(Trust.id.in_(trust_ids)))
        }
    if wanted["wardsurvey"]:
        rows = db.session.execute(
            select(SurveyVersion.survey_id, SurveyVersion.title, SurveyVersion.variant).order_by(
                SurveyVersion.id
            )
        )
        for survey_id, title, variant in rows:
            if variant == "standard" or survey_id not in names.titles:
                names.titles[survey_id] = title
    return names


def describe(events: Sequence[AuditEvent]) -> list[Entry]:
    """Return each audit record with a sentence saying who did what, in plain words."""
    names = _load(events)
    return [Entry(event, _sentence(event, names)) for event in events]


def _sentence(event: AuditEvent, names: _Names) -> str:
    detail = event.detail or {}
    whole = _WHOLE.get(event.action)
    if whole is not None:
        return whole(event, names, detail)
    subject = names.person(event.actor_id, event.actor_email) or NO_ACTOR
    phrase = _PHRASES.get(event.action)
    if phrase is None:
        return _unknown(event, subject)
    return f"{subject} {phrase(event, names, detail)}"


def _unknown(event: AuditEvent, subject: str) -> str:
    """Word a record whose code has no words yet, without losing what it says."""
    what = f" to {event.object_type} {event.object_id}" if event.object_type else ""
    return f"{subject} did “{event.action}”{what}"


def _quoted(text: str) -> str:
    return f"\u2018{text}\u2019"  # curly quotes, as in running text


def _role(value: str | None) -> str:
    try:
        return Role(value).label.lower()
    except ValueError:
        return str(value)


def _ward(ward: Ward | None, fallback: str = "a ward") -> str:
    return ward.name if ward is not None else fallback


def _survey(event: AuditEvent, names: _Names, detail: dict) -> str:
    row = names.object(event)
    survey_id = detail.get("survey") or (row.survey_id if row is not None else "")
    title = names.titles.get(survey_id, survey_id)
    return f"{_quoted(title)} on {_ward(row.ward if row is not None else None)}"


def _tablet(event: AuditEvent, names: _Names) -> str:
    device = names.object(event)
    if device is None:
        return f"tablet {event.object_id}"
    return f"{_quoted(device.label)} on {device.ward.name}"


def _changes(before: Any, after: Any, labels: dict[str, tuple[str, Callable]]) -> str:
    """Say what changed between two recorded states, such as "role admin → facilitator"."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ""
    parts = []
    for key, (label, show) in labels.items():
        if key in before and key in after and before[key] != after[key]:
            parts.append(f"{label} {show(before[key])} → {show(after[key])}")
    return "; ".join(parts)


def _yes_no(value: Any) -> str:
    return "yes" if value else "no"


def _codes(value: Any) -> str:
    return ", ".join(value) if isinstance(value, list) and value else "none"


def _ward_type(value: Any) -> str:
    try:
        return WardType(value).label
    except ValueError:
        return str(value)


def _user_update(event: AuditEvent, names: _Names, detail: dict) -> str:
    labels = {"role": ("role", _role), "enabled": ("can sign in", _yes_no)}
    labels["trusts"] = ("trusts", _codes)
    changed = _changes(detail.get("before"), detail.get("after"), labels)
    account = names.account(event)
    if changed:
        return f"changed the account for {account}: {changed}"
    return f"saved the account for {account} without changes"


def _ward_update(event: AuditEvent, names: _Names, detail: dict) -> str:
    labels = {"name": ("name", str), "type": ("type", _ward_type)}
    labels["active"] = ("taking part", _yes_no)
    changed = _changes(detail.get("before"), detail.get("after"), labels)
    ward = _ward(names.object(event), f"ward {event.object_id}")
    return f"changed the ward {ward}: {changed}" if changed else f"saved {ward} without changes"


def _password(event: AuditEvent, names: _Names, detail: dict) -> str:
    if event.object_type == "user" and str(event.actor_id) == event.object_id:
        return "changed their own password"
    return f"set a new password for {names.account(event)}"


def _removed(event: AuditEvent, names: _Names, detail: dict) -> str:
    before, after = detail.get("before") or [], detail.get("after") or []
    gone = [code for code in before if code not in after]
    return f"took {names.account(event)} out of {_codes(gone)}"


def _read_setting(event: AuditEvent, names: _Names, detail: dict) -> str:
    setting = READ_FREE_TEXT.get(detail.get("after"), str(detail.get("after")))
    return f"set which answers safeguarding leads read in {names.trust(event)}: {setting.lower()}"


def _support(event: AuditEvent, names: _Names, detail: dict) -> str:
    counts = [
        f"{detail[f'{who}_count']} for {who}s"
        for who in ("patient", "staff")
        if f"{who}_count" in detail
    ]
    listed = f" ({', '.join(counts)})" if counts else ""
    return f"saved where to get help for {names.trust(event)}{listed}"


def _item(event: AuditEvent) -> str:
    return f"safeguarding item {event.object_id}"


def _closed(event: AuditEvent, names: _Names, detail: dict) -> str:
    from coprod.services.safeguarding.queue import OUTCOMES

    outcome = OUTCOMES.get(detail.get("outcome"), detail.get("outcome") or "")
    return f"closed {_item(event)}" + (f": {outcome.lower()}" if outcome else "")


def _listed(event: AuditEvent, names: _Names, detail: dict) -> str:
    count = len(detail.get("items") or [])
    return f"opened the safeguarding queue ({count} item{'' if count == 1 else 's'} listed)"


def _theme(event: AuditEvent, names: _Names, detail: dict) -> str:
    verb = "is" if detail.get("applies", True) else "is not"
    return f"corrected a theme: an answer {verb} about {_quoted(str(detail.get('theme')))}"


def _download(detail: dict) -> str:
    filters = detail.get("filters") or {}
    kind = "a spreadsheet" if detail.get("format") == "xlsx" else "CSV"
    period = f"{filters.get('From', '?')} to {filters.get('To', '?')}"
    return f"{_quoted(str(filters.get('Survey', 'a survey')))}, {period}, as {kind}"


_PHRASES: dict[str, Callable[[AuditEvent, _Names, dict], str]] = {
    "export.overview": lambda e, n, d: f"downloaded the measures by ward ({_download(d)})",
    "export.ward": lambda e, n, d: (
        f"downloaded the weekly measures of {_ward(n.object(e), f'ward {e.object_id}')} "
        f"({_download(d)})"
    ),
    "login.success": lambda e, n, d: "signed in",
    "logout": lambda e, n, d: "signed out",
    "user.create": lambda e, n, d: (
        f"created the account for {d.get('email') or n.account(e)} ({_role(d.get('role'))})"
        + (f" in {_codes(d.get('trusts'))}" if d.get("trusts") else "")
    ),
    "user.update": _user_update,
    "user.password": _password,
    "user.remove_trusts": _removed,
    "trust.create": lambda e, n, d: f"added the trust {d.get('name')} ({d.get('code')})",
    "trust.update": lambda e, n, d: f"renamed the trust {d.get('before')} to {d.get('after')}",
    "trust.read_free_text": _read_setting,
    "trust.support_contacts": _support,
    "site.create": lambda e, n, d: f"added the site {d.get('name')} to {n.trust(e)}",
    "site.update": lambda e, n, d: f"renamed the site {d.get('before')} to {d.get('after')}",
    "ward.create": lambda e, n, d: (
        f"added the ward {_ward(n.object(e), str(d.get('code')))} "
        f"({d.get('code')}, {_ward_type(d.get('type'))})"
    ),
    "ward.update": _ward_update,
    "device.create": lambda e, n, d: f"made a set-up link for the tablet {_tablet(e, n)}",
    "device.revoke": lambda e, n, d: f"switched off the tablet {_tablet(e, n)}",
    "survey.open": lambda e, n, d: f"opened the survey {_survey(e, n, d)}",
    "survey.close": lambda e, n, d: f"closed the survey {_survey(e, n, d)}",
    "safeguarding.view": lambda e, n, d: f"read the unredacted answers of {_item(e)}",
    "safeguarding.view_list": _listed,
    "safeguarding.review": lambda e, n, d: f"started the review of {_item(e)}",
    "safeguarding.note": lambda e, n, d: f"added a note to {_item(e)}",
    "safeguarding.close": _closed,
    "safeguarding.reopen": lambda e, n, d: f"reopened {_item(e)}",
    "safeguarding.bulk_read": lambda e, n, d: f"read {_item(e)}: nothing of concern",
    "theme.correct": _theme,
    # Who was on a ward: the period only, never its counts (small numbers identify people).
    "population.enter": lambda e, n, d: (
        f"{'re-entered' if d.get('replaced') else 'entered'} who was on {d.get('ward_name')} "
        f"from {d.get('starts_on')} to {d.get('ends_on')}"
    ),
    "population.import": lambda e, n, d: (
        f"imported who was on {d.get('ward_name')} from {d.get('starts_on')} to "
        f"{d.get('ends_on')}{', replacing the counts before' if d.get('replaced') else ''}"
    ),
    "incident_series.import": lambda e, n, d: (
        f"imported {d.get('rows')} rows of incident data into "
        f"{'the new series ' if d.get('created') else ''}{_quoted(str(d.get('name')))} "
        f"of {n.trust(e)} for {_codes(d.get('wards'))}: {d.get('added')} weeks added, "
        f"{d.get('replaced')} replaced"
    ),
    "incident_series.delete": lambda e, n, d: (
        f"deleted the incident series {_quoted(str(d.get('name')))} of {n.trust(e)} "
        f"with its {d.get('values')} weekly figures on {d.get('wards')} wards"
    ),
    # Improvement work: the details keep the names, so a deleted change idea still reads.
    "change_idea.create": lambda e, n, d: (
        f"added the change idea {_quoted(str(d.get('title')))} on {d.get('ward')}"
    ),
    "change_idea.update": lambda e, n, d: (
        f"changed the change idea {_quoted(str((d.get('after') or {}).get('title')))} "
        f"on {d.get('ward')}"
    ),
    "change_idea.delete": lambda e, n, d: (
        f"deleted the change idea {_quoted(str(d.get('title')))} on {d.get('ward')}"
        f" with its {d.get('notes', 0)} PDSA note{'' if d.get('notes') == 1 else 's'}"
    ),
    "pdsa_note.create": lambda e, n, d: (
        f"added a {d.get('stage')} note to the change idea {_quoted(str(d.get('title')))} "
        f"on {d.get('ward')}"
    ),
    "aim.set": lambda e, n, d: (
        f"set the aim for {_quoted(str(d.get('measure')))} on {d.get('ward')}: "
        + (
            f"{(d.get('after') or {}).get('value'):g}% better than the baseline mean"
            if (d.get("after") or {}).get("kind") == "relative"
            else f"reach {(d.get('after') or {}).get('value'):g}"
        )
    ),
    "aim.remove": lambda e, n, d: (
        f"removed the aim for {_quoted(str(d.get('measure')))} on {d.get('ward')}"
    ),
}

# Records with no one signed in to name: the sentence is written whole.
_WHOLE: dict[str, Callable[[AuditEvent, _Names, dict], str]] = {
    "login.failure": lambda e, n, d: (
        f"Failed sign-in as {e.actor_email or 'an unknown address'}: "
        f"{LOGIN_REASONS.get(d.get('reason'), str(d.get('reason')))}"
    ),
    "user.locked": lambda e, n, d: (
        f"The account for {n.account(e)} was paused after too many wrong passwords"
    ),
    "device.enrol": lambda e, n, d: f"The tablet {_tablet(e, n)} was set up",
}
