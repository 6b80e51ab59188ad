"""The dashboards' figures as files to download: CSV and XLSX of aggregated results only,
built from the very rows the pages show, so a file and its page cannot disagree.

Every file names the filters that made it. A cell written from text that a spreadsheet
would read as a formula (names are typed by admins, searches by anyone) is written as text.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from coprod.models import Ward
from coprod.services.dashboards import measures
from coprod.services.dashboards.overview import NOT_ENOUGH, Column, Table
from coprod.services.dashboards.suppression import hidden_note
from coprod.spc import Point

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
POINT_TYPES = {
    "common_cause": "Common cause",
    "improvement": "Improvement",
    "concern": "Concern",
    "neutral_high": "High",
    "neutral_low": "Low",
}


@dataclass(frozen=True)
class Export:
    """A table to download, with the filters that produced it and the small-number rule."""

    title: str
    sheet: str  # a fixed name: sheet names may not hold every character a ward name may
    filters: list[tuple[str, str]]
    header: list[str]
    rows: list[list[object]]
    made: datetime
    rule: str


def as_text(value: object) -> object:
    """Return a cell's value, text that would start a formula quoted so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def fewer_than(minimum: int) -> str:
    """Return the words written instead of a week's count from too few people."""
    return f"Fewer than {minimum}"


def small_number_rule(minimums: dict[str, int]) -> str:
    """Return the sentence that says which counts are left out."""
    groups = " or ".join(f"{n} {who}" for who, n in minimums.items())
    return (
        f"Counts, percentages and readings from fewer than {groups} are not shown; nor is a "
        "total that would let a hidden count be worked out by subtraction."
    )


def overview_rule(minimums: dict[str, int]) -> str:
    """Return the sentences that say which of the overview's figures are left out."""
    groups = " or ".join(f"{n} {who}" for who, n in minimums.items())
    return (
        f"{hidden_note(minimums)} {NOT_ENOUGH}: too few weeks had answers from enough people "
        f"to chart the measure: a week from fewer than {groups} is left out."
    )


def overview_export(
    tables: list[Table],
    columns: list[Column],
    filters: list[tuple[str, str]],
    *,
    made: datetime,
) -> Export:
    """Return the overview's rows, as shown, as a table: wards, then site and trust totals."""
    header = ["Trust", "Site", "Ward"]
    for column in columns:
        if column.measure is None:
            header.append(column.label)
        else:
            header += [
                f"{column.label}: latest week from",
                f"{column.label}: per cent",
                f"{column.label}: answered that week",
                f"{column.label}: reading",
            ]
    rows = []
    for table in tables:
        for row in [*table.rows, *table.totals]:
            line: list[object] = [table.trust.name, row.site, row.name]
            for column, cell in zip(columns, row.cells, strict=True):
                if column.measure is None:
                    line.append(cell.note if cell.value is None else cell.value)
                elif cell.value is None:
                    line += ["", cell.note, "", ""]
                else:
                    reading = POINT_TYPES.get(cell.point_type, "")
                    line += [cell.week, cell.value, cell.answered, reading]
            rows.append(line)
    minimums = {("patients" if c.audience == "patient" else "staff"): c.minimum for c in columns}
    rule = overview_rule(minimums)
    return Export("Measures by ward", "Measures by ward", filters, header, rows, made, rule)


def _point_cells(point: Point | None) -> list[object]:
    if point is None:
        return ["", "", "", "", ""]
    return [
        round(point.mean, 1),
        round(point.lower_limit, 1),
        round(point.upper_limit, 1),
        POINT_TYPES.get(point.point_type, point.point_type),
        "Yes" if point.trial else "No",
    ]


def ward_export(
    ward: Ward,
    survey_id: str,
    filters: list[tuple[str, str]],
    *,
    start: date,
    end: date,
    rebase: tuple[date, ...] = (),
    made: datetime,
    points: str = "week",
) -> Export:
    """Return a ward's weeks (or months, with points="month") of every measure of a survey,
    as its page charts them."""
    monthly = points == "month"
    header = [
        "Month" if monthly else "Week from",
        "Measure",
        "Answered",
        "Positive (per cent)",
        "Mean",
        "Lower process limit",
        "Upper process limit",
        "Point type",
        "Trial limits",
    ]
    rows = []
    minimums = {}
    for measure, audience in measures.survey_measures(survey_id):
        result = measures.measure_chart(
            [ward.id],
            survey_id,
            measure,
            audience,
            start=start,
            end=end,
            rebase=rebase,
            points=points,
        )
        minimums["patients" if audience == "patient" else "staff"] = result.minimum
        by_date = {p.date: p for p in result.chart.points} if result.chart else {}
        for week in result.weeks:
            if week.shown:
                counts: list[object] = [week.answered, round(week.percent, 1)]
            elif week.answered == 0:
                counts = [0, "Nobody answered"]  # as the page says: a zero is shown
            else:
                counts = [fewer_than(result.minimum), fewer_than(result.minimum)]
            rows.append(
                [week.start, measure.label, *counts, *_point_cells(by_date.get(week.start))]
            )
    title = f"{ward.name}: measures {'month by month' if monthly else 'week by week'}"
    sheet = "Months" if monthly else "Weeks"
    rule = small_number_rule(minimums)
    if monthly:
        # Responses keep only their week, so a month can only be made of whole weeks.
        rule += " Each week counts in the month its Monday falls in."
    return Export(title, sheet, filters, header, rows, made, rule)


def _about(export: Export) -> list[list[object]]:
    return [
        *([name, value] for name, value in export.filters),
        ["Made", export.made.strftime("%Y-%m-%d %H:%M UTC")],
        ["Small numbers", export.rule],
    ]


def to_csv(export: Export) -> bytes:
    """Return the export as CSV: its filters as "filter, value" rows, a blank row, the table."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Filter", "Value"])
    for line in _about(export):
        writer.writerow([as_text(v) for v in line])
    writer.writerow([])
    writer.writerow([as_text(v) for v in export.header])
    for row in export.rows:
        writer.writerow([as_text(_plain(v)) for v in row])
    # A byte order mark, so that spreadsheet programs read names in UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def to_xlsx(export: Export) -> bytes:
    """Return the export as an XLSX workbook: the table on one sheet, and an About sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = export.sheet
    _write(sheet, [export.header], bold=Font(bold=True))
    _write(sheet, export.rows)
    sheet.freeze_panes = "A2"
    about = book.create_sheet("About")
    _write(about, [["Filter", "Value"]], bold=Font(bold=True))
    _write(about, _about(export))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write(sheet, rows: list[list[object]], bold=None) -> None:
    """Append rows, every text cell stored as text (never a formula)."""
    for row in rows:
        sheet.append([None if v == "" else v for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # openpyxl reads "=..." as a formula; text it is, and shown with its "=".
                cell.data_type = "s"
                cell.quotePrefix = True
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            if bold is not None:
                cell.font = bold
