"""What a measure key names: a survey's measure (`survey:<survey id>:<measure id>`) or an
incident series imported from another system (`series:<id>`). Aims are stored against a
key, and the ward, site and trust pages chart both kinds alike, on any set of wards, week
by week or month by month; this is the one place a key is read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coprod.extensions import db
from coprod.models import IncidentSeries, Ward
from coprod.services.dashboards import incidents, measures
from coprod.spc import Chart


def survey_key(survey_id: str, measure_id: str) -> str:
    """Return the key that names a survey's measure (as aims store it)."""
    return f"survey:{survey_id}:{measure_id}"


def series_key(series_id: int) -> str:
    """Return the key that names an incident series."""
    return f"series:{series_id}"


@dataclass(frozen=True)
class KeyedChart:
    """What a key names on some wards over a period: its label, its improvement direction,
    whether it is a share (0 to 100 per cent), the values charted, and the chart.

    result is the survey measure's points with their counts; series holds an incident
    series' points, (Monday or first of the month, value or None for a gap). One of the
    two is set.
    """

    key: str
    label: str
    improvement: str
    share: bool
    values: tuple[tuple[date, float], ...]
    chart: Chart | None
    result: measures.MeasureChart | None = None
    series: incidents.SeriesChart | None = None

    @property
    def periods(self) -> list[date]:
        """Return every point of the period (week or month), charted or not, for gaps."""
        if self.result is not None:
            return [w.start for w in self.result.weeks]
        return [monday for monday, _v in self.series.weeks] if self.series else []


def survey_chart(
    ward_ids: list[int],
    survey_id: str,
    measure,
    audience: str,
    *,
    start: date,
    end: date,
    rebase: tuple[date, ...] = (),
    points: str = "week",
    within: dict[int, list[int]] | None = None,
    place: tuple | None = None,
) -> KeyedChart:
    """Chart a survey's measure on these wards together, keyed, by week or by month; a
    site or trust passes its trust's sites and wards (within) and which it is (place)."""
    result = measures.measure_chart(
        ward_ids,
        survey_id,
        measure,
        audience,
        start=start,
        end=end,
        rebase=rebase,
        points=points,
        within=within,
        place=place,
    )
    values = tuple((w.start, w.percent) for w in result.weeks if w.shown)
    return KeyedChart(
        survey_key(survey_id, measure.id),
        measure.label,
        "increase",
        True,
        values,
        result.chart,
        result=result,
    )


def series_charts(
    ward_ids: list[int],
    *,
    start: date,
    end: date,
    rebase: tuple[date, ...] = (),
    series_id=None,
    points: str = "week",
) -> list[KeyedChart]:
    """Chart the incident series with values on these wards, added up (or only one of
    them), keyed, by week or by month."""
    found = incidents.incident_charts(ward_ids, start, end, rebase, points=points)
    return [
        KeyedChart(
            c.key,
            c.label,
            c.improvement,
            False,
            tuple((monday, v) for monday, v in c.weeks if v is not None),
            c.chart,
            series=c,
        )
        for c in found
        if series_id is None or c.key == series_key(series_id)
    ]


def chart_for_key(
    key: str, ward: Ward, *, start: date, end: date, rebase: tuple[date, ...] = ()
) -> KeyedChart | None:
    """Chart what a key names on the ward over a period, or None if it names nothing the
    ward's trust has."""
    kind, _, rest = key.partition(":")
    if kind == "survey":
        survey_id, _, measure_id = rest.partition(":")
        found = measures.measure_named(survey_id, measure_id)
        if found is None:
            return None
        measure, audience = found
        return survey_chart(
            [ward.id], survey_id, measure, audience, start=start, end=end, rebase=rebase
        )
    if kind == "series" and rest.isascii() and rest.isdigit() and len(rest) <= 9:
        series = db.session.get(IncidentSeries, int(rest))
        if series is None or series.trust_id != ward.site.trust_id:
            return None
        charts = series_charts([ward.id], start=start, end=end, rebase=rebase, series_id=series.id)
        if charts:
            return charts[0]
        # A series of the trust with nothing on this ward yet: named, but no values.
        return KeyedChart(key, series.name, series.improvement, False, (), None)
    return None
