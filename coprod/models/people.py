"""Staff accounts: facilitators, safeguarding leads and admins, each scoped to trusts."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Column, Enum, ForeignKey, String, Table, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.extensions import db
from coprod.models.base import UTCDateTime, utcnow
from coprod.models.org import Trust


class Permission(enum.Enum):
    """Things an account may do, within its own trusts only."""

    VIEW_DASHBOARDS = "view_dashboards"
    VIEW_RAW_TEXT = "view_raw_text"
    MANAGE_ORG = "manage_org"
    MANAGE_USERS = "manage_users"
    MANAGE_DEVICES = "manage_devices"
    VIEW_AUDIT = "view_audit"
    REVIEW_SAFEGUARDING = "review_safeguarding"
    CREATE_TRUSTS = "create_trusts"


class Role(enum.Enum):
    """What kind of account this is; each role grants a fixed set of permissions."""

    ADMIN = "admin"
    FACILITATOR = "facilitator"
    SAFEGUARDING = "safeguarding"
    # The regional network that hosts the service: an admin of its trusts who also adds trusts.
    NETWORK_ADMIN = "network_admin"

    @property
    def label(self) -> str:
        """Return the role's name as shown to people."""
        return {
            Role.ADMIN: "Admin",
            Role.FACILITATOR: "Facilitator",
            Role.SAFEGUARDING: "Safeguarding lead",
            Role.NETWORK_ADMIN: "Network admin",
        }[self]

    @property
    def permissions(self) -> frozenset[Permission]:
        """Return the permissions this role grants."""
        return ROLE_PERMISSIONS[self]


TRUST_ADMIN = frozenset(
    {
        Permission.VIEW_DASHBOARDS,
        Permission.MANAGE_ORG,
        Permission.MANAGE_USERS,
        Permission.MANAGE_DEVICES,
        Permission.VIEW_AUDIT,
    }
)
ROLE_PERMISSIONS = {
    Role.FACILITATOR: frozenset({Permission.VIEW_DASHBOARDS}),
    Role.SAFEGUARDING: frozenset(
        {Permission.VIEW_DASHBOARDS, Permission.VIEW_RAW_TEXT, Permission.REVIEW_SAFEGUARDING}
    ),
    Role.ADMIN: TRUST_ADMIN,
    Role.NETWORK_ADMIN: TRUST_ADMIN | {Permission.CREATE_TRUSTS},
}

user_trusts = Table(
    "user_trusts",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("trust_id", ForeignKey("trusts.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, db.Model):
    """A person who signs in to coprod; respondents to surveys never have accounts."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        Enum(
            Role,
            name="role",
            values_callable=lambda e: [m.value for m in e],
            native_enum=False,
            length=20,
            validate_strings=True,
        )
    )
    is_enabled: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Changes whenever the password changes or the account is disabled, which
    # ends every existing session of this account.
    session_token: Mapped[str] = mapped_column(String(64))
    # Set when an admin types the password (a new account, or a reset): until the person
    # chooses their own, every page but sign-out sends them to change it.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())

    trusts: Mapped[list[Trust]] = relationship(secondary=user_trusts, order_by=Trust.name)

    def get_id(self) -> str:
        """Return the session identifier, which changes when the password does."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        """Return whether this account may sign in and use the service."""
        return self.is_enabled

    @property
    def trust_ids(self) -> set[int]:
        """Return the ids of the trusts this account may see."""
        return {trust.id for trust in self.trusts}

    def can(self, permission: Permission) -> bool:
        """Return whether this account's role grants the permission."""
        return permission in self.role.permissions

    @property
    def is_admin(self) -> bool:
        """Return whether this account manages its trusts (a trust or network admin)."""
        return self.can(Permission.MANAGE_ORG)

    @property
    def can_create_trusts(self) -> bool:
        """Return whether this account may add trusts (the network's admins only)."""
        return self.can(Permission.CREATE_TRUSTS)

    def can_reach(self, trust_id: int | None) -> bool:
        """Return whether this account may see things belonging to a trust."""
        return trust_id is not None and trust_id in self.trust_ids

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role.value}>"
