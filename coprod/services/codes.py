"""Random codes that people can read aloud, type and copy without mistaking one character.

The alphabet leaves out characters that look alike in common fonts or sound alike when read
out (0 and o, 1, l and i), and has no capitals, so a code read from a poster or said over
the phone is typed as it was meant. Codes are shown in groups of five joined by hyphens; a
code typed with spaces, hyphens or capitals in other places still reads as the same code.
"""

from __future__ import annotations

import math
import secrets

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
GROUP = 5
# Characters a person may put between groups, or type by mistake around them.
_SEPARATORS = str.maketrans("", "", " \t\r\n-")


def bits(length: int) -> float:
    """Return how many bits of randomness a code of this many characters holds."""
    return length * math.log2(len(ALPHABET))


def new_code(length: int) -> str:
    """Return a new random code of this many characters, grouped for reading."""
    return group("".join(secrets.choice(ALPHABET) for _ in range(length)))


def group(compact: str) -> str:
    """Return a code's characters in hyphen-joined groups of five."""
    return "-".join(compact[i : i + GROUP] for i in range(0, len(compact), GROUP))


def squeeze(code: str) -> str:
    """Return a code without spaces or hyphens, in lower case: the form it is compared in."""
    return code.translate(_SEPARATORS).lower()


def readable(code: str, length: int) -> str | None:
    """Return a typed code in its grouped form, or None if it cannot be one of our codes."""
    squeezed = squeeze(code)
    if len(squeezed) != length or any(c not in ALPHABET for c in squeezed):
        return None
    return group(squeezed)
