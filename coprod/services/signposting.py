"""Where to get help now: shown on every survey's end page, for patients or for staff.

A trust adds its own contacts for each audience; they come first, and the national ones
always follow, so nobody is ever left without 999, NHS 111 and Samaritans.
"""

from __future__ import annotations

import re

from coprod.models import Trust

AUDIENCES = ("patient", "staff")


def N_(text: str) -> str:  # the marker babel looks for; translated when shown
    return text


def _contact(name: str, detail: str, phone: str | None = None) -> dict:
    return {"name": name, "detail": detail, "phone": phone, "national": True}


EMERGENCY = _contact(
    N_("In an emergency, call 999"), N_("If you or someone else is in danger now."), "999"
)
_NHS_111 = _contact(
    N_("NHS 111, option 2"),
    N_("Call 111 and choose the mental health option, any time, day or night."),
    "111",
)
_SAMARITANS = _contact(
    N_("Samaritans: 116 123"),
    N_("Free to call, any time, day or night. You can talk about anything."),
    "116 123",
)
_SEXUAL_VIOLENCE = _contact(
    N_("Rape and Sexual Abuse Support Line: 0808 500 2222"),
    N_("Free, confidential support after sexual violence or abuse, 24 hours a day."),
    "0808 500 2222",
)
NATIONAL_CONTACTS: dict[str, list[dict]] = {
    "patient": [
        _contact(
            N_("Tell a member of staff you trust"),
            N_(
                "You can talk to a nurse, doctor, advocate or anyone on the ward "
                "you feel safe with."
            ),
        ),
        EMERGENCY,
        _NHS_111,
        _SAMARITANS,
        _SEXUAL_VIOLENCE,
    ],
    "staff": [
        _contact(
            N_("Talk to someone you trust at work"),
            N_(
                "Your manager, a senior colleague, or your trust's Freedom to Speak Up "
                "Guardian, who can help you raise a concern in confidence."
            ),
        ),
        EMERGENCY,
        _NHS_111,
        _SAMARITANS,
        _contact(
            N_("Shout: text SHOUT to 85258"),
            N_("Free, confidential text support, any time, day or night."),
        ),
        _SEXUAL_VIOLENCE,
    ],
}
FIELDS = {"patient": "support_contacts", "staff": "staff_contacts"}
MAX_CONTACTS = 12
PHONE = re.compile(r"\+?[0-9][0-9 ]{1,18}[0-9]")


def _audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return audience


def own_contacts(trust: Trust, audience: str) -> list[dict]:
    """Return the trust's own contacts for patients or for staff (none if it set none)."""
    return list(getattr(trust, FIELDS[_audience(audience)]) or [])


def contacts_for(trust: Trust, audience: str) -> list[dict]:
    """Return the contacts for the end page: the trust's own, then every national one
    that the trust has not already listed under the same name or number."""
    own = [{**c, "national": False} for c in own_contacts(trust, audience)]
    names = {c["name"].casefold() for c in own}
    phones = {digits(c["phone"]) for c in own if c.get("phone")}
    national = [
        c
        for c in NATIONAL_CONTACTS[audience]
        if c["name"].casefold() not in names
        and (c["phone"] is None or digits(c["phone"]) not in phones)
    ]
    return [*own, *national]


class SignpostingError(ValueError):
    """A support contact list was refused; the message is safe to show, and audience says
    which list it was about when known."""

    audience: str | None = None


def _phone(text: str, number: int) -> str | None:
    text = text.strip()
    if not text:
        return None
    if not PHONE.fullmatch(text):
        raise SignpostingError(
            f"Line {number}: after the second |, write only a phone number, such as 0123 456 7890"
        )
    return " ".join(text.split())


def digits(phone: str) -> str:
    """The number to dial, for a tel: link."""
    return phone.replace(" ", "")


def parse_contacts(text: str) -> list[dict] | None:
    """Read one contact a line, `name | detail | phone` (the phone may be left out);
    return None for an empty list (the national contacts alone)."""
    contacts = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 3:
            raise SignpostingError(f"Line {number}: use at most two | on a line")
        name, detail, phone = [*parts, "", ""][:3]
        if not name:
            raise SignpostingError(f"Line {number}: write the contact's name before the |")
        if len(name) > 120 or len(detail) > 300:
            raise SignpostingError(
                f"Line {number}: keep names to 120 and details to 300 characters"
            )
        contacts.append({"name": name, "detail": detail, "phone": _phone(phone, number)})
    if len(contacts) > MAX_CONTACTS:
        raise SignpostingError(
            f"List at most {MAX_CONTACTS} contacts, so people can find the right one"
        )
    return contacts or None


def contacts_as_text(trust: Trust, audience: str) -> str:
    """Return a trust's own contacts in the `name | detail | phone` form the admin edits."""
    lines = []
    for c in own_contacts(trust, audience):
        line = f"{c['name']} | {c['detail']}"
        lines.append(f"{line} | {c['phone']}" if c.get("phone") else line)
    return "\n".join(lines)


def set_contacts(trust: Trust, texts: dict[str, str], *, actor) -> None:
    """Replace a trust's own contacts for each audience given; all are checked first,
    so a refused list changes nothing."""
    from coprod.services import audit

    parsed = {}
    for audience, text in texts.items():
        try:
            parsed[_audience(audience)] = parse_contacts(text)
        except SignpostingError as exc:
            exc.audience = audience
            raise
    for audience, contacts in parsed.items():
        setattr(trust, FIELDS[audience], contacts)
    audit.record(
        actor,
        "trust.support_contacts",
        trust,
        trust_id=trust.id,
        **{f"{audience}_count": len(contacts or []) for audience, contacts in parsed.items()},
    )
