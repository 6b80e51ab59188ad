"""Create and change trusts, sites and wards, and find those an account may see."""

from __future__ import annotations

import re

from sqlalchemy import select

from coprod.extensions import db
from coprod.models import Site, Trust, User, Ward, WardType
from coprod.models.org import READ_FREE_TEXT
from coprod.services import audit

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,29}$")


class OrgError(ValueError):
    """An organisation change was refused; the message is safe to show."""


def clean_code(code: str, *, max_length: int, what: str) -> str:
    """Return a trust or ward code in upper case, or refuse one of the wrong shape."""
    code = code.strip().upper()
    if not CODE_PATTERN.match(code) or len(code) > max_length:
        raise OrgError(
            f"{what} code must be 1 to {max_length} letters, digits or hyphens, "
            "starting with a letter or digit"
        )
    return code


def clean_name(name: str, what: str) -> str:
    """Return a trimmed name, or refuse an empty or overlong one."""
    name = " ".join(name.split())
    if not name:
        raise OrgError(f"Enter the {what} name")
    if len(name) > 200:
        raise OrgError(f"{what.capitalize()} name must be 200 characters or fewer")
    return name


def parse_ward_type(value: str) -> WardType:
    """Return the ward type named by value, or refuse with the list of types."""
    try:
        return WardType(value)
    except ValueError:
        names = ", ".join(t.value for t in WardType)
        raise OrgError(f"Unknown ward type {value!r}: choose one of {names}") from None


def trusts_for(user: User) -> list[Trust]:
    """Return the trusts an account may see, by name."""
    return sorted(user.trusts, key=lambda t: t.name)


def create_trust(*, code: str, name: str, actor: User | None) -> Trust:
    """Add a trust; an admin who creates one is given access to it. The caller commits."""
    code = clean_code(code, max_length=20, what="Trust")
    name = clean_name(name, "trust")
    if db.session.scalar(select(Trust).where(Trust.code == code)) is not None:
        raise OrgError(f"A trust with the code {code} already exists")
    trust = Trust(code=code, name=name)
    db.session.add(trust)
    db.session.flush()
    if actor is not None:
        actor.trusts.append(trust)
    audit.record(actor, "trust.create", trust, trust_id=trust.id, code=code, name=name)
    return trust


def rename_trust(trust: Trust, *, name: str, actor: User) -> None:
    """Change a trust's name; the caller commits."""
    old = trust.name
    trust.name = clean_name(name, "trust")
    audit.record(actor, "trust.update", trust, trust_id=trust.id, before=old, after=trust.name)


def create_site(trust: Trust, *, name: str, actor: User | None) -> Site:
    """Add a site to a trust; the caller commits."""
    name = clean_name(name, "site")
    if any(s.name.lower() == name.lower() for s in trust.sites):
        raise OrgError(f"{trust.name} already has a site called {name}")
    site = Site(trust=trust, name=name)
    db.session.add(site)
    db.session.flush()
    audit.record(actor, "site.create", site, trust_id=trust.id, name=name)
    return site


def rename_site(site: Site, *, name: str, actor: User) -> None:
    """Change a site's name; the caller commits."""
    name = clean_name(name, "site")
    if any(s.id != site.id and s.name.lower() == name.lower() for s in site.trust.sites):
        raise OrgError(f"{site.trust.name} already has a site called {name}")
    old = site.name
    site.name = name
    audit.record(actor, "site.update", site, trust_id=site.trust_id, before=old, after=name)


def create_ward(
    site: Site, *, code: str, name: str, ward_type: WardType, actor: User | None
) -> Ward:
    """Add a ward to a site; ward codes are unique across every trust. The caller commits."""
    code = clean_code(code, max_length=30, what="Ward")
    name = clean_name(name, "ward")
    existing = db.session.scalar(select(Ward).where(Ward.code == code))
    if existing is not None:
        # Codes are unique across trusts; name where the ward is only to its own trust's admin.
        if existing.site.trust_id == site.trust_id:
            raise OrgError(f"A ward with the code {code} already exists")
        raise OrgError(f"The code {code} cannot be used; choose another")
    ward = Ward(site=site, code=code, name=name, ward_type=ward_type)
    db.session.add(ward)
    db.session.flush()
    audit.record(
        actor, "ward.create", ward, trust_id=site.trust_id, code=code, type=ward_type.value
    )
    return ward


def update_ward(
    ward: Ward, *, name: str, ward_type: WardType, is_active: bool, actor: User
) -> None:
    """Change a ward's name, type or whether it is taking part; the caller commits."""
    before = {"name": ward.name, "type": ward.ward_type.value, "active": ward.is_active}
    ward.name = clean_name(name, "ward")
    ward.ward_type = ward_type
    ward.is_active = is_active
    after = {"name": ward.name, "type": ward_type.value, "active": is_active}
    audit.record(actor, "ward.update", ward, trust_id=ward.trust_id, before=before, after=after)


def set_read_free_text(trust: Trust, setting: str, *, actor) -> None:
    """Set which free-text answers the trust's safeguarding leads read; the caller commits."""
    if setting not in READ_FREE_TEXT:
        raise OrgError(f"Choose one of: {', '.join(READ_FREE_TEXT)}")
    before = trust.read_free_text
    trust.read_free_text = setting
    audit.record(
        actor, "trust.read_free_text", trust, trust_id=trust.id, before=before, after=setting
    )
