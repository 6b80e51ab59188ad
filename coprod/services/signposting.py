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


def contacts_for(trust: Trust) -> list[dict[str, str]]:
    """Return the support contacts to show to respondents on this trust's wards."""
    return trust.support_contacts or NATIONAL_CONTACTS
