"""Every setting is documented in the README, and environment variables override it."""

import pytest

from eventwire.errors import UsageError
from eventwire.settings import SETTING_NAMES, get_settings
from tests.conftest import REPO


@pytest.mark.parametrize("name", SETTING_NAMES)
def test_setting_is_documented(name):
    assert f"EVENTWIRE_{name.upper()}" in (REPO / "README.md").read_text()


def test_environment_overrides(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "7")
    monkeypatch.setenv("EVENTWIRE_STORE", "/tmp/x.duckdb")
    get_settings.cache_clear()
    try:
        assert get_settings().batch_size == 7 and get_settings().store == "/tmp/x.duckdb"
        monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "many")
        get_settings.cache_clear()
        with pytest.raises(UsageError, match="EVENTWIRE_BATCH_SIZE='many' is not a whole number"):
            get_settings()
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
