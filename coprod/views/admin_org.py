"""Admin pages for trusts, sites and wards, limited to the admin's own trusts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from coprod.extensions import db
from coprod.forms.admin import NameForm, ReadFreeTextForm, TrustForm, WardForm
from coprod.models import Site, Trust, Ward
from coprod.models.org import READ_FREE_TEXT
from coprod.models.people import Permission
from coprod.security import check_trust, permission_required
from coprod.services import org, signposting
from coprod.services.org import OrgError
from coprod.services.safeguarding import alerts

bp = Blueprint("admin_org", __name__, url_prefix="/admin")


@bp.before_request
@permission_required(Permission.MANAGE_ORG)
def _admins_only():
    """Let only admins into these pages."""


def get_trust(trust_id: int) -> Trust:
    """Return a trust the admin may see, or stop with 404."""
    trust = db.session.get(Trust, trust_id) or abort(404)
    check_trust(trust.id)
    return trust


def get_site(site_id: int) -> Site:
    """Return a site in one of the admin's trusts, or stop with 404."""
    site = db.session.get(Site, site_id) or abort(404)
    check_trust(site.trust_id)
    return site


def get_ward(ward_id: int) -> Ward:
    """Return a ward in one of the admin's trusts, or stop with 404."""
    ward = db.session.get(Ward, ward_id) or abort(404)
    check_trust(ward.trust_id)
    return ward


def _save(message: str, target: str):
    """Commit the change, say so and go to the target page."""
    db.session.commit()
    flash(message, "success")
    return redirect(target)


@bp.get("/")
def overview():
    """List the admin's trusts with their sites and wards."""
    return render_template("admin/overview.html", trusts=org.trusts_for(current_user))


@bp.route("/trusts/new", methods=["GET", "POST"])
def trust_new():
    """Add a trust (network admins only); the admin who adds it can manage it."""
    if not current_user.can(Permission.CREATE_TRUSTS):
        abort(403)
    form = TrustForm()
    if form.validate_on_submit():
        try:
            trust = org.create_trust(code=form.code.data, name=form.name.data, actor=current_user)
            return _save(f"Added {trust.name}", url_for(".trust", trust_id=trust.id))
        except OrgError as exc:
            db.session.rollback()
            form.code.errors.append(str(exc))
    return _form_page(form, "Add a trust", ["code", "name"])


@bp.get("/trusts/<int:trust_id>")
def trust(trust_id: int):
    """Show one trust with its sites and wards."""
    trust = get_trust(trust_id)
    return render_template(
        "admin/trust.html",
        trust=trust,
        leads=alerts.leads_of(trust),
        read_free_text_labels=READ_FREE_TEXT,
    )


@bp.route("/trusts/<int:trust_id>/edit", methods=["GET", "POST"])
def trust_edit(trust_id: int):
    """Rename a trust."""
    trust = get_trust(trust_id)
    form = NameForm(obj=trust)
    if form.validate_on_submit():
        try:
            org.rename_trust(trust, name=form.name.data, actor=current_user)
            return _save("Trust renamed", url_for(".trust", trust_id=trust.id))
        except OrgError as exc:
            db.session.rollback()
            form.name.errors.append(str(exc))
    return _form_page(
        form, f"Rename {trust.name}", ["name"], back=url_for(".trust", trust_id=trust.id)
    )


@bp.route("/trusts/<int:trust_id>/support", methods=["GET", "POST"])
def trust_support(trust_id: int):
    """Set where patients and staff on this trust's wards are told to get help."""
    trust = get_trust(trust_id)
    error = None
    texts = {a: signposting.contacts_as_text(trust, a) for a in signposting.AUDIENCES}
    if request.method == "POST":
        texts = {a: request.form.get(f"{a}_contacts", "") for a in signposting.AUDIENCES}
        try:
            signposting.set_contacts(trust, texts, actor=current_user)
            return _save("Support contacts saved", url_for(".trust", trust_id=trust.id))
        except signposting.SignpostingError as exc:
            db.session.rollback()
            error = exc
    return render_template(
        "admin/support.html",
        trust=trust,
        texts=texts,
        error=error,
        national=signposting.NATIONAL_CONTACTS,
    ), 400 if error else 200


@bp.route("/trusts/<int:trust_id>/safeguarding", methods=["GET", "POST"])
def trust_safeguarding(trust_id: int):
    """Choose which free-text answers this trust's safeguarding leads read."""
    trust = get_trust(trust_id)
    form = ReadFreeTextForm(obj=trust)
    if form.validate_on_submit():
        org.set_read_free_text(trust, form.read_free_text.data, actor=current_user)
        return _save("Safeguarding reading saved", url_for(".trust", trust_id=trust.id))
    return _form_page(
        form,
        f"Safeguarding reading for {trust.name}",
        ["read_free_text"],
        back=url_for(".trust", trust_id=trust.id),
    )


@bp.route("/trusts/<int:trust_id>/sites/new", methods=["GET", "POST"])
def site_new(trust_id: int):
    """Add a site to a trust."""
    trust = get_trust(trust_id)
    form = NameForm()
    if form.validate_on_submit():
        try:
            site = org.create_site(trust, name=form.name.data, actor=current_user)
            return _save(f"Added {site.name}", url_for(".trust", trust_id=trust.id))
        except OrgError as exc:
            db.session.rollback()
            form.name.errors.append(str(exc))
    return _form_page(
        form, f"Add a site to {trust.name}", ["name"], back=url_for(".trust", trust_id=trust.id)
    )


@bp.route("/sites/<int:site_id>/edit", methods=["GET", "POST"])
def site_edit(site_id: int):
    """Rename a site."""
    site = get_site(site_id)
    form = NameForm(obj=site)
    back = url_for(".trust", trust_id=site.trust_id)
    if form.validate_on_submit():
        try:
            org.rename_site(site, name=form.name.data, actor=current_user)
            return _save("Site renamed", back)
        except OrgError as exc:
            db.session.rollback()
            form.name.errors.append(str(exc))
    return _form_page(form, f"Rename {site.name}", ["name"], back=back)


@bp.route("/sites/<int:site_id>/wards/new", methods=["GET", "POST"])
def ward_new(site_id: int):
    """Add a ward to a site."""
    site = get_site(site_id)
    form = WardForm()
    back = url_for(".trust", trust_id=site.trust_id)
    if form.validate_on_submit():
        try:
            ward = org.create_ward(
                site,
                code=form.code.data,
                name=form.name.data,
                ward_type=org.parse_ward_type(form.ward_type.data),
                actor=current_user,
            )
            return _save(f"Added {ward.name}", back)
        except OrgError as exc:
            db.session.rollback()
            form.code.errors.append(str(exc))
    return _form_page(form, f"Add a ward to {site.name}", ["code", "name", "ward_type"], back=back)


@bp.route("/wards/<int:ward_id>/edit", methods=["GET", "POST"])
def ward_edit(ward_id: int):
    """Change a ward's name, type and whether it is taking part."""
    ward = get_ward(ward_id)
    form = WardForm(
        data={
            "code": ward.code,
            "name": ward.name,
            "ward_type": ward.ward_type.value,
            "is_active": "yes" if ward.is_active else "no",
        }
    )
    back = url_for(".trust", trust_id=ward.trust_id)
    # The code identifies the ward on tablets and links, so it is never changed here.
    form.code.data = ward.code
    if form.validate_on_submit():
        try:
            org.update_ward(
                ward,
                name=form.name.data,
                ward_type=org.parse_ward_type(form.ward_type.data),
                is_active=form.is_active.data == "yes",
                actor=current_user,
            )
            return _save(f"Saved {ward.name}", back)
        except OrgError as exc:
            db.session.rollback()
            form.name.errors.append(str(exc))
    return _form_page(
        form, f"Change {ward.name} ({ward.code})", ["name", "ward_type", "is_active"], back=back
    )


def _form_page(form, heading: str, fields: list[str], back: str | None = None):
    status = 400 if form.errors else 200
    return render_template(
        "admin/form.html",
        form=form,
        heading=heading,
        fields=fields,
        back=back or url_for(".overview"),
    ), status
