"""Checks on the dashboard's files that need no browser: it works offline, renders data
as text only, its ids match between page and script, and its npm libraries are pinned
without download addresses and copied by scripts/vendor_js.py."""

from __future__ import annotations

import importlib.util
import json
import re

import pytest

from .conftest import REPO, STATIC

SCRIPTS = sorted(p for p in STATIC.rglob("*.js") if "vendor" not in p.parts)
PAGE_FILES = [*SCRIPTS, STATIC / "index.html", STATIC / "app.css"]


def _vendor_module():
    spec = importlib.util.spec_from_file_location("vendor_js", REPO / "scripts" / "vendor_js.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "sink", ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"]
)
def test_scripts_never_parse_data_as_html(path, sink):
    assert sink not in path.read_text(encoding="utf-8")


# The only absolute address allowed in the page's own files is the SVG namespace name
# (an identifier, never fetched).
ALLOWED_URLS = {"http://www.w3.org/2000/svg"}


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_page_loads_nothing_from_elsewhere(path):
    text = path.read_text(encoding="utf-8")
    urls = set(re.findall(r"https?://[^\s\"'`)]+", text))
    protocol_relative = re.findall(r"[\"'(]//[A-Za-z0-9.-]+\.[A-Za-z]{2,}", text)
    assert urls <= ALLOWED_URLS and not protocol_relative


@pytest.mark.parametrize("attr", ["src", "href"])
def test_index_references_are_local(attr):
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    for ref in re.findall(rf'{attr}="([^"]*)"', html):
        assert ref.startswith(("static/", "api/", "docs", "data:")), ref


def test_every_element_the_script_needs_is_in_the_page():
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    wanted = set(re.findall(r'\$\("([^"]+)"\)', (STATIC / "app.js").read_text(encoding="utf-8")))
    assert wanted and wanted <= ids, wanted - ids


@pytest.mark.parametrize("src", [src for src, _ in _vendor_module().FILES])
def test_vendored_files_come_from_pinned_packages(src):
    deps = json.loads((REPO / "package.json").read_text())["dependencies"]
    package = src.split("/")[0]
    assert package in deps and re.fullmatch(r"\d+\.\d+\.\d+", deps[package]), (package, deps.get(package))


def test_lock_file_records_no_download_addresses():
    assert "omit-lockfile-registry-resolved=true" in (REPO / ".npmrc").read_text()
    lock = (REPO / "package-lock.json").read_text()
    assert "://" not in lock
    assert '"resolved"' not in lock


@pytest.mark.parametrize("missing", [None, "b/LICENSE"])
def test_vendor_copies_all_or_nothing(tmp_path, missing):
    vendor = _vendor_module()
    files = (("a/dist/a.min.js", "a.min.js"), ("b/LICENSE", "LICENSE.b.txt"))
    node_modules = tmp_path / "node_modules"
    for src, _ in files:
        if src != missing:
            (node_modules / src).parent.mkdir(parents=True, exist_ok=True)
            (node_modules / src).write_text(f"// {src}")
    dest = tmp_path / "vendor"
    if missing:
        with pytest.raises(FileNotFoundError, match=re.escape(missing)):
            vendor.vendor(node_modules, dest, files)
        assert not dest.exists()
    else:
        written = vendor.vendor(node_modules, dest, files)
        assert [p.name for p in written] == ["a.min.js", "LICENSE.b.txt"]
        assert (dest / "a.min.js").read_text() == "// a/dist/a.min.js"


def test_vendor_script_reports_missing_node_modules(tmp_path, capsys):
    assert (
        _vendor_module().main(["--node-modules", str(tmp_path / "none"), "--dest", str(tmp_path / "v")]) == 1
    )
    assert "npm ci" in capsys.readouterr().err
