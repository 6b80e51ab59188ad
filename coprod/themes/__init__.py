"""The theming engine: code free text by theme with sentiment, redact personal details,
pick quotes and surface emergent topics. Offline, and free of Flask."""

from .codebook import Codebook, CodebookError, CodebookSource, Theme, load
from .engine import Coding, Engine, Mention
from .errors import InputError, MissingResource, ThemesError
from .model import ThemeModel
from .quotes import Quote, pick_quotes
from .redact import redact
from .topics import Topic, emergent_topics

__all__ = [
    "Codebook",
    "CodebookError",
    "CodebookSource",
    "Coding",
    "Engine",
    "InputError",
    "Mention",
    "MissingResource",
    "Quote",
    "Theme",
    "ThemeModel",
    "ThemesError",
    "Topic",
    "emergent_topics",
    "load",
    "pick_quotes",
    "redact",
]
