"""Copy the dashboard's browser libraries from node_modules/ into the package.

The dashboard works offline, so its JavaScript libraries and the world map are served by
eventwire itself from `src/eventwire/web/static/vendor/`. They come from npm, pinned in
package.json and package-lock.json, and are never committed: run

    npm ci && python scripts/vendor_js.py

after a fresh clone (the Makefile's setup does). The table below is the whole list; each
library's licence is copied beside it because the files are redistributed with the page.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# (file under node_modules/, name in vendor/). Minified UMD builds: they need no bundler and
# set the globals `d3`, `topojson` and `SwaggerUIBundle` that the pages read.
FILES: tuple[tuple[str, str], ...] = (
    ("d3-array/dist/d3-array.min.js", "d3-array.min.js"),
    ("d3-array/LICENSE", "LICENSE.d3-array.txt"),
    ("d3-geo/dist/d3-geo.min.js", "d3-geo.min.js"),
    ("d3-geo/LICENSE", "LICENSE.d3-geo.txt"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"),
    ("topojson-client/LICENSE", "LICENSE.topojson-client.txt"),
    # Natural Earth 1:50m admin-0 countries: fine enough to zoom to one region (Kashmir),
    # small enough (0.7 MB) to load at once from the local server.
    ("world-atlas/countries-50m.json", "countries-50m.json"),
    ("world-atlas/LICENSE", "LICENSE.world-atlas.txt"),
    # Swagger UI for the API's /docs page, served from here rather than a CDN.
    ("swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"),
    ("swagger-ui-dist/swagger-ui.css", "swagger-ui.css"),
    ("swagger-ui-dist/LICENSE", "LICENSE.swagger-ui.txt"),
    ("swagger-ui-dist/NOTICE", "NOTICE.swagger-ui.txt"),
)


def vendor(node_modules: Path, dest: Path, files=FILES) -> list[Path]:
    """Copy `files` from `node_modules` to `dest`; returns the written paths.

    Raises FileNotFoundError naming every missing file (and how to get them) before copying
    anything, so a half-installed node_modules never leaves a half-filled vendor folder.
    """
    missing = [src for src, _ in files if not (node_modules / src).is_file()]
    if missing:
        raise FileNotFoundError(
            f"missing in {node_modules}: {', '.join(missing)}; run `npm ci` in {node_modules.parent} first."
        )
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for src, name in files:
        target = dest / name
        shutil.copyfile(node_modules / src, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=REPO / "node_modules")
    parser.add_argument("--dest", type=Path, default=REPO / "src/eventwire/web/static/vendor")
    args = parser.parse_args(argv)
    try:
        written = vendor(args.node_modules, args.dest)
    except FileNotFoundError as exc:
        print(f"vendor_js: {exc}", file=sys.stderr)
        return 1
    print(f"vendor_js: copied {len(written)} files into {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
