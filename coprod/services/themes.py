"""Code stored free text by theme, incrementally, and keep facilitators' corrections.

Only answers that are new, or were coded by another codebook or model version, are coded;
corrections are laid over every coding and become training examples for the next model.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Iterable

from flask import Flask, current_app
from sqlalchemy import and_, delete, func, or_, select

from coprod.extensions import db
from coprod.models import Answer, Response, TextCoding, ThemeCode, ThemeCorrection, User
from coprod.models.themes import SOURCE_ANSWER
from coprod.services import audit
from coprod.themes import (
    CodebookSource,
    Coding,
    Engine,
    Mention,
    Quote,
    ThemeModel,
    Topic,
    emergent_topics,
    pick_quotes,
)
from coprod.themes.sentiment import NEGATIVE, NEUTRAL, POSITIVE

log = logging.getLogger(__name__)

EXTENSION_KEY = "coprod.themes"


def engine_for(app: Flask | None = None) -> Engine:
    """Return the app's engine: its codebook file, reloaded on change, and model if set."""
    app = app or current_app
    engine = app.extensions.get(EXTENSION_KEY)
    if engine is None:
        model_path = app.config.get("COPROD_THEME_MODEL")
        model = ThemeModel.load(model_path) if model_path else None
        engine = Engine(CodebookSource(app.config.get("COPROD_CODEBOOK")), model=model)
        app.extensions[EXTENSION_KEY] = engine
    return engine


def text_hash(text: str) -> str:
    """Return the fingerprint that tells whether a coded text has changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def theme_sentiment(coding: Coding, theme: str) -> str:
    """Return how a theme was spoken of: the feeling of most of its mentions, negative on ties."""
    feelings = Counter(m.sentiment for m in coding.mentions if m.theme == theme)
    if not feelings:
        return coding.sentiment
    order = (NEGATIVE, POSITIVE, NEUTRAL)
    return max(order, key=lambda f: (feelings[f], -order.index(f)))


def pending_answers(version: str, limit: int) -> list[tuple[int, str]]:
    """Return (answer id, text) of free-text answers not yet coded by this version."""
    stale = or_(TextCoding.id.is_(None), TextCoding.engine_version != version)
    rows = db.session.execute(
        select(Answer.id, Answer.text)
        .outerjoin(
            TextCoding,
            and_(TextCoding.source == SOURCE_ANSWER, TextCoding.source_id == Answer.id),
        )
        .where(Answer.text.is_not(None), Answer.text != "", stale)
        .order_by(Answer.id)
        .limit(limit)
    )
    return [(row.id, row.text) for row in rows]


def _corrections(source: str, ids: Iterable[int]) -> dict[int, dict[str, bool]]:
    out: dict[int, dict[str, bool]] = {}
    for c in db.session.scalars(
        select(ThemeCorrection).where(
            ThemeCorrection.source == source, ThemeCorrection.source_id.in_(list(ids))
        )
    ):
        out.setdefault(c.source_id, {})[c.theme] = c.applies
    return out


def store(source: str, items: list[tuple[int, str, Coding]], version: str) -> None:
    """Write codings for (id, text, coding) items, replacing older ones, corrections on top."""
    ids = [i for i, _, _ in items]
    existing = {
        c.source_id: c
        for c in db.session.scalars(
            select(TextCoding).where(TextCoding.source == source, TextCoding.source_id.in_(ids))
        )
    }
    fixes = _corrections(source, ids)
    for source_id, text, coding in items:
        row = existing.get(source_id)
        if row is None:
            row = TextCoding(source=source, source_id=source_id)
            db.session.add(row)
        row.text_hash = text_hash(text)
        row.engine_version = version
        row.sentiment = coding.sentiment
        row.score = coding.score
        row.problem = coding.problem
        wanted = {t: (c, False) for t, c in coding.themes.items()}
        for theme, applies in fixes.get(source_id, {}).items():
            if applies:
                wanted[theme] = (1.0, True)
            else:
                wanted.pop(theme, None)
        # Update codes in place: replacing them would insert before deleting, and trip
        # the one-code-per-theme constraint.
        current = {code.theme: code for code in row.codes}
        for theme, code in current.items():
            if theme not in wanted:
                row.codes.remove(code)
        for theme, (confidence, corrected) in wanted.items():
            code = current.get(theme)
            if code is None:
                code = ThemeCode(theme=theme)
                row.codes.append(code)
            code.confidence = confidence
            code.corrected = corrected
            code.sentiment = theme_sentiment(coding, theme)
    db.session.flush()


def code_changed(
    source: str, items: list[tuple[int, str | None]], engine: Engine | None = None
) -> int:
    """Code the (id, text) items that are new, changed since coded, or coded by another version.

    For text that can be edited after it is coded (Slack feedback); return how many were
    coded. The caller commits.
    """
    engine = engine or engine_for()
    version = engine.version
    latest = {i: t or "" for i, t in items}  # the same text edited twice: its last version
    emptied = [i for i, t in latest.items() if not t]
    if emptied:  # text deleted: its codes go, as forget_removed does for answers
        db.session.execute(
            delete(TextCoding).where(TextCoding.source == source, TextCoding.source_id.in_(emptied))
        )
    items = [(i, t) for i, t in latest.items() if t]
    coded = {
        row.source_id: (row.text_hash, row.engine_version)
        for row in db.session.execute(
            select(TextCoding.source_id, TextCoding.text_hash, TextCoding.engine_version).where(
                TextCoding.source == source, TextCoding.source_id.in_([i for i, _ in items])
            )
        )
    }
    todo = [(i, t) for i, t in items if coded.get(i) != (text_hash(t), version)]
    if todo:
        codings = engine.code_many(text for _, text in todo)
        store(source, [(i, t, c) for (i, t), c in zip(todo, codings, strict=True)], version)
    return len(todo)


def code_pending(engine: Engine | None = None, limit: int = 500) -> int:
    """Code up to limit stored answers that need it; return how many. The caller commits.

    Survey answers are stored once and never edited, so an answer needs coding when it is
    new or was coded by another codebook or model version.
    """
    engine = engine or engine_for()
    batch = pending_answers(engine.version, limit)
    return code_changed(SOURCE_ANSWER, batch, engine) if batch else 0


def forget_removed() -> int:
    """Delete codings of answers whose text is gone (deleted or emptied by retention)."""
    kept = select(Answer.id).where(Answer.text.is_not(None), Answer.text != "")
    gone = db.session.execute(
        delete(TextCoding).where(
            TextCoding.source == SOURCE_ANSWER, TextCoding.source_id.not_in(kept)
        )
    )
    return gone.rowcount or 0


def answer_trust_id(answer: Answer) -> int:
    """Return the trust an answer belongs to."""
    return answer.response.ward.trust_id


def correct(user: User, answer: Answer, theme: str, applies: bool) -> ThemeCorrection:
    """Record that theme does (or does not) apply to an answer, and update its codes now."""
    engine = engine_for()
    if theme not in engine.codebook.themes:
        raise ValueError(f"no theme {theme!r} in the codebook")
    trust_id = answer_trust_id(answer)
    if not user.can_reach(trust_id):
        raise PermissionError("this answer belongs to a trust the account cannot see")
    correction = db.session.scalar(
        select(ThemeCorrection).where(
            ThemeCorrection.source == SOURCE_ANSWER,
            ThemeCorrection.source_id == answer.id,
            ThemeCorrection.theme == theme,
        )
    )
    if correction is None:
        correction = ThemeCorrection(source=SOURCE_ANSWER, source_id=answer.id, theme=theme)
        db.session.add(correction)
    correction.applies = applies
    correction.user_id = user.id
    if answer.text:
        store(SOURCE_ANSWER, [(answer.id, answer.text, engine.code(answer.text))], engine.version)
    audit.record(user, "theme.correct", answer, trust_id=trust_id, theme=theme, applies=applies)
    return correction


def training_rows() -> list[tuple[str, set[str], None]]:
    """Return corrected answers as labelled examples: their codes with corrections applied."""
    corrected_ids = select(ThemeCorrection.source_id).where(ThemeCorrection.source == SOURCE_ANSWER)
    rows = []
    for answer in db.session.scalars(
        select(Answer).join(Response).where(Answer.id.in_(corrected_ids), Answer.text.is_not(None))
    ):
        coding = db.session.scalar(
            select(TextCoding).where(
                TextCoding.source == SOURCE_ANSWER, TextCoding.source_id == answer.id
            )
        )
        themes = {c.theme for c in coding.codes} if coding else set()
        for theme, applies in _corrections(SOURCE_ANSWER, [answer.id]).get(answer.id, {}).items():
            (themes.add if applies else themes.discard)(theme)
        rows.append((answer.text, themes, None))
    return rows


def min_group_size(audience: str, app: Flask | None = None) -> int:
    """Return the smallest group whose results may be shown, for patients or for staff."""
    config = (app or current_app).config
    if audience == "staff":
        return config["COPROD_MIN_GROUP_STAFF"]
    return config["COPROD_MIN_GROUP_PATIENT"]


def quotes_for(theme: str, ward_ids: Iterable[int], k: int = 3) -> list[Quote]:
    """Return up to k redacted quotes for a theme from these wards' answers.

    A group is a ward's patients or a ward's staff; a group with fewer responses than the
    minimum for its audience gives no quote at all.
    """
    ward_ids = list(ward_ids)
    shown = _group_sizes(ward_ids)
    if not shown:
        return []
    rows = db.session.execute(
        select(Answer.id, Answer.text, Response.ward_id, Response.audience)
        .join(Response, Answer.response_id == Response.id)
        .join(
            TextCoding, and_(TextCoding.source == SOURCE_ANSWER, TextCoding.source_id == Answer.id)
        )
        .join(ThemeCode, ThemeCode.coding_id == TextCoding.id)
        .where(ThemeCode.theme == theme, Response.ward_id.in_(ward_ids))
        .order_by(Answer.id)
    ).all()
    rows = [r for r in rows if (r.ward_id, r.audience) in shown]
    codings = engine_for().code_many(r.text for r in rows)
    coded = []
    for row, coding in zip(rows, codings, strict=True):
        if theme not in coding.themes:  # a facilitator's correction added it: quote it whole
            coding.themes[theme] = 1.0
            coding.mentions.append(Mention(theme, coding.text, coding.sentiment))
        coded.append((row.id, (row.ward_id, row.audience), coding))
    # Groups below the minimum were left out above, so every remaining group may be quoted.
    return pick_quotes(coded, theme, shown, min_group=1, k=k)


def uncovered_topics(ward_ids: Iterable[int], top: int = 10) -> list[Topic]:
    """Return phrases recurring in these wards' answers that no theme covers.

    Only groups (a ward's patients or staff) at or above the minimum size contribute, as
    each topic carries redacted examples.
    """
    ward_ids = list(ward_ids)
    sizes = _group_sizes(ward_ids)
    has_codes = select(ThemeCode.coding_id)
    rows = db.session.execute(
        select(Answer.text, Response.ward_id, Response.audience)
        .join(Response, Answer.response_id == Response.id)
        .join(
            TextCoding,
            and_(TextCoding.source == SOURCE_ANSWER, TextCoding.source_id == Answer.id),
        )
        .where(
            Response.ward_id.in_(ward_ids),
            TextCoding.problem.is_(None),
            TextCoding.id.not_in(has_codes),
        )
    )
    texts = [r.text for r in rows if (r.ward_id, r.audience) in sizes]
    return emergent_topics(texts, top=top)


def _group_sizes(ward_ids: list[int]) -> dict[tuple[int, str], int]:
    """Return responses per (ward, audience) group, keeping only groups that may be shown."""
    sizes = {
        (row.ward_id, row.audience): row.n
        for row in db.session.execute(
            select(Response.ward_id, Response.audience, func.count().label("n"))
            .where(Response.ward_id.in_(ward_ids))
            .group_by(Response.ward_id, Response.audience)
        )
    }
    return {g: n for g, n in sizes.items() if n >= min_group_size(g[1])}
