"""設定: where the desk keeps its files, what a user may configure, and which database is used."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from supportdesk.config import (
    Settings,
    SlaHours,
    config_dir,
    data_dir,
    default_db_url,
    ensure_private_dir,
    load_settings,
    resolve_db_url,
)
from supportdesk.errors import Invalid
from supportdesk.models import Priority
from supportdesk.services.sla import due_times
from tests.words import in_english


def _write_config(text: str) -> Path:
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- the config file ------------------------------------------------------------------------------------------


def test_without_a_config_file_the_desk_uses_its_defaults():
    assert load_settings() == Settings()


def test_a_config_file_sets_what_it_names():
    _write_config(
        """
db = "sqlite:////srv/desk/supportdesk.db"
user = "sato"
lang = "ja"
theme = "textual-dark"

[keymap]
"ticket.reply" = "ctrl+r"

[sla.first_response]
urgent = 2
"""
    )
    settings = load_settings()
    assert (settings.db, settings.user, settings.lang, settings.theme) == (
        "sqlite:////srv/desk/supportdesk.db",
        "sato",
        "ja",
        "textual-dark",
    )
    assert settings.keymap == {"ticket.reply": "ctrl+r"}
    assert settings.sla.first_response["urgent"] == 2


def test_a_misspelt_setting_is_refused_naming_it_and_the_known_ones():
    path = _write_config('databse = "sqlite:///x.db"\n')
    with pytest.raises(Invalid) as refused:
        load_settings()
    assert refused.value.field == str(path)
    assert "databse" in in_english(refused.value)
    assert "known: db, keymap, lang, mail, service, sla, theme, timezone, user" in in_english(refused.value)


def test_a_misspelt_sla_setting_is_refused():
    _write_config("[sla]\nfirst_responce = {urgent = 1}\n")
    with pytest.raises(Invalid) as refused:
        load_settings()
    assert refused.value.field.endswith("[sla]")
    assert "first_responce" in in_english(refused.value)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("db = 5\n", "db"),
        ('user = ["sato"]\n', "user"),
        ('keymap = "ctrl+r"\n', "[keymap]"),
        ("sla = 8\n", "[sla]"),
        ('[sla.resolution]\nnormal = "3 days"\n', "resolution.normal"),
        ("[sla.resolution]\nnormal = 0\n", "resolution.normal"),
    ],
)
def test_a_setting_of_the_wrong_kind_is_refused_naming_it(text, name):
    _write_config(text)
    with pytest.raises(Invalid) as refused:
        load_settings()
    assert name in refused.value.field


def test_an_sla_for_a_priority_that_does_not_exist_is_refused():
    _write_config("[sla.first_response]\nasap = 1\n")
    with pytest.raises(Invalid, match="asap"):
        load_settings()


def test_setting_one_priority_s_hours_keeps_the_defaults_for_the_others():
    _write_config("[sla.first_response]\nurgent = 2\n")
    hours = load_settings().sla
    assert hours.first_response == {**SlaHours().first_response, "urgent": 2}
    received = datetime(2026, 6, 30, 9, tzinfo=UTC)
    for priority in Priority:
        first, _ = due_times(received, priority, hours)
        assert first > received


def test_a_broken_config_file_is_refused_with_the_reason():
    path = _write_config('db = "unterminated\n')
    with pytest.raises(Invalid) as refused:
        load_settings()
    assert refused.value.field == str(path)
    assert "not valid TOML" in in_english(refused.value)


def test_a_config_file_that_is_not_text_is_refused():
    path = _write_config("")
    path.write_bytes(b"\xff\xfe\x00db")
    with pytest.raises(Invalid):
        load_settings()


def test_a_config_file_elsewhere_can_be_named():
    other = config_dir().parent / "team.toml"
    other.write_text('user = "suzuki"\n', encoding="utf-8")
    assert load_settings(other).user == "suzuki"


def test_the_default_service_levels_are_stricter_for_more_urgent_tickets():
    hours = SlaHours()
    order = ["urgent", "high", "normal", "low"]
    assert [hours.first_response[p] for p in order] == sorted(hours.first_response[p] for p in order)
    assert all(hours.first_response[p] < hours.resolution[p] for p in order)
    # Tuesday 09:00 in Tokyo: 8 business hours is 17:00 the same day; 72 are eight working days, to Thursday 9 July.
    first, resolution = due_times(datetime(2026, 6, 30, tzinfo=UTC), Priority.NORMAL, hours)
    assert (first.hour, resolution) == (8, datetime(2026, 7, 9, 9, tzinfo=UTC))


# --- which database -------------------------------------------------------------------------------------------


def test_the_default_database_lives_in_the_users_data_folder():
    assert default_db_url() == f"sqlite:///{data_dir() / 'supportdesk.db'}"
    assert resolve_db_url(None) == default_db_url()


def test_the_config_file_beats_the_default(monkeypatch):
    _write_config('db = "sqlite:////from/config.db"\n')
    assert resolve_db_url(None) == "sqlite:////from/config.db"


def test_the_environment_beats_the_config_file(monkeypatch):
    _write_config('db = "sqlite:////from/config.db"\n')
    monkeypatch.setenv("SUPPORTDESK_DB", "sqlite:////from/env.db")
    assert resolve_db_url(None) == "sqlite:////from/env.db"


def test_the_command_line_beats_everything(monkeypatch):
    _write_config('db = "sqlite:////from/config.db"\n')
    monkeypatch.setenv("SUPPORTDESK_DB", "sqlite:////from/env.db")
    assert resolve_db_url("sqlite:////from/flag.db") == "sqlite:////from/flag.db"


def test_an_empty_environment_variable_does_not_hide_the_config_file(monkeypatch):
    _write_config('db = "sqlite:////from/config.db"\n')
    monkeypatch.setenv("SUPPORTDESK_DB", "")
    assert resolve_db_url(None) == "sqlite:////from/config.db"


def test_settings_already_loaded_are_used_as_given():
    assert resolve_db_url(None, Settings(db="sqlite:////given.db")) == "sqlite:////given.db"


def test_with_a_command_line_database_a_broken_config_file_does_not_matter():
    _write_config("this is not toml")
    assert resolve_db_url("sqlite:////from/flag.db") == "sqlite:////from/flag.db"


# --- folders --------------------------------------------------------------------------------------------------


def test_data_and_config_folders_follow_their_environment_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("SUPPORTDESK_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("SUPPORTDESK_CONFIG_DIR", str(tmp_path / "c"))
    assert (data_dir(), config_dir()) == (tmp_path / "d", tmp_path / "c")


def test_without_overrides_the_folders_are_the_platforms_own(monkeypatch):
    monkeypatch.delenv("SUPPORTDESK_DATA_DIR")
    monkeypatch.delenv("SUPPORTDESK_CONFIG_DIR")
    assert data_dir().name == "supportdesk"
    assert config_dir().name == "supportdesk"


def test_a_private_folder_is_readable_by_its_owner_only(tmp_path):
    folder = ensure_private_dir(tmp_path / "personal")
    assert folder.stat().st_mode & 0o777 == 0o700
    assert ensure_private_dir(folder) == folder  # creating it again is harmless
