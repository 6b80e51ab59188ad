"""Copy the pinned nhsuk-frontend build into coprod/static/vendor for serving.

The stylesheet's web fonts are loaded from an NHS server; they are removed so pages
never reach outside this server (ward networks may block it, and the CSP forbids it).
Text falls back to Arial, as nhsuk-frontend intends.
"""

from __future__ import annotations

import logging
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"
TARGET = ROOT / "coprod" / "static" / "vendor" / "nhsuk"
FONT_FACE = re.compile(r"@font-face\{[^}]*\}")

logger = logging.getLogger("build_assets")


def main() -> int:
    """Build the vendor folder; return a process exit code."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not SOURCE.is_dir():
        logger.error("nhsuk-frontend is not installed: run `npm ci` first (make does this)")
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    (TARGET / "assets").mkdir(parents=True)
    css = (SOURCE / "nhsuk-frontend.min.css").read_text(encoding="utf-8")
    css = FONT_FACE.sub("", css)
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    (TARGET / "nhsuk-frontend.min.css").write_text(css, encoding="utf-8")
    js = (SOURCE / "nhsuk-frontend.min.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    (TARGET / "nhsuk-frontend.min.js").write_text(js, encoding="utf-8")
    shutil.copytree(SOURCE / "assets" / "images", TARGET / "assets" / "images")
    logger.info("built %s", TARGET.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
