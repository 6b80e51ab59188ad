"""Translations: English, and Easy Read English for respondents on Easy Read surveys.

Easy Read is a translation domain (`easyread`) rather than a language, so a survey in
Welsh can have a Welsh Easy Read too: add `translations/cy/LC_MESSAGES/easyread.po`.
Pages of an Easy Read survey pass its gettext as `_` in their context.
"""

from __future__ import annotations

from flask_babel import Domain

easy_read = Domain(domain="easyread")


def gettext_context(easy: bool) -> dict:
    """Return template context that words the page in Easy Read when easy is true."""
    if not easy:
        return {}
    return {"_": easy_read.gettext, "gettext": easy_read.gettext, "ngettext": easy_read.ngettext}
