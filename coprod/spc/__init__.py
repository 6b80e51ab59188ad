"""Statistical process control: XmR charts by the Making Data Count rules (no Flask, no
database), and the series CSV the `flask spc` command reads and writes."""

from coprod.spc.engine import (
    ASSURANCES,
    IMPROVEMENTS,
    RULES,
    TRIAL_BELOW,
    Chart,
    Point,
    SpcError,
    assurance,
    limits,
    xmr,
)
from coprod.spc.reading import assurance_words, describe, describe_changes
from coprod.spc.series import SeriesError, read_series, write_chart
from coprod.spc.svg import draw

__all__ = [
    "ASSURANCES",
    "IMPROVEMENTS",
    "RULES",
    "TRIAL_BELOW",
    "Chart",
    "Point",
    "SeriesError",
    "SpcError",
    "assurance",
    "assurance_words",
    "describe",
    "describe_changes",
    "draw",
    "limits",
    "read_series",
    "write_chart",
    "xmr",
]
