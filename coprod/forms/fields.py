"""Form fields shared by the staff forms, each refusing what it cannot read in plain words."""

from __future__ import annotations

from datetime import date

from wtforms import DateField


class PlainDateField(DateField):
    """A date typed as 2026-03-02 (a date picker where the browser has one), refused in
    plain words."""

    def __init__(self, label=None, validators=None, message="", **kwargs):
        super().__init__(label, validators, format="%Y-%m-%d", **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = date.fromisoformat(valuelist[0].strip())
        except ValueError:
            self.data = None
            raise ValueError(self.message) from None
