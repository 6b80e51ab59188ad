"""Where to get help now: shown on every survey's end page, configurable per trust."""

from __future__ import annotations

from coprod.models import Trust

# National services; a trust may replace this list with its own (Trust.support_contacts).
NATIONAL_CONTACTS: list[dict[str, str]] = [
    {
        "name": "Tell a member of staff you trust",
        "detail": "You can talk to a nurse, doctor, advocate or anyone on the ward "
        "you feel safe with.",
    },
    {"name": "In an emergency, call 999", "detail": "If you or someone else is in danger now."},
    {
        "name": "NHS 111, option 2",
        "detail": "Call 111 and choose the mental health option, any time, day or night.",
    },
    {
        "name": "Samaritans: 116 123",
        "detail": "Free to call, any time, day or night. You can talk about anything.",
    },
    {
        "name": "Rape and Sexual Abuse Support Line: 0808 500 2222",
        "detail": "Free, confidential support after sexual violence or abuse, 24 hours a day.",
    },
]


EMERGENCY = NATIONAL_CONTACTS[1]


def contacts_for(trust: Trust) -> list[dict[str, str]]:
    """Return the support contacts to show to respondents on this trust's wards.

    A trust's own list replaces the national one, but 999 is always there.
    """
    contacts = trust.support_contacts or NATIONAL_CONTACTS
    if not any("999" in c["name"] + c["detail"] for c in contacts):
        contacts = [*contacts, EMERGENCY]
    return contacts


class SignpostingError(ValueError):
    """A support contact list was refused; the message is safe to show."""


def parse_contacts(text: str) -> list[dict[str, str]] | None:
    """Read one contact a line, `name | detail`; return None for an empty list (national)."""
    contacts = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, _, detail = (part.strip() for part in line.partition("|"))
        if not name:
            raise SignpostingError(f"Line {number}: write the contact's name before the |")
        if len(name) > 120 or len(detail) > 300:
            raise SignpostingError(
                f"Line {number}: keep names to 120 and details to 300 characters"
            )
        contacts.append({"name": name, "detail": detail})
    if len(contacts) > 12:
        raise SignpostingError("List at most 12 contacts, so people can find the right one")
    return contacts or None


def contacts_as_text(trust: Trust) -> str:
    """Return a trust's own contacts in the `name | detail` form the admin edits."""
    return "\n".join(f"{c['name']} | {c['detail']}" for c in trust.support_contacts or [])


def set_contacts(trust: Trust, text: str, *, actor) -> None:
    """Replace a trust's support contacts (empty text restores the national list)."""
    from coprod.services import audit

    trust.support_contacts = parse_contacts(text)
    audit.record(
        actor,
        "trust.support_contacts",
        trust,
        trust_id=trust.id,
        count=len(trust.support_contacts or []),
    )
