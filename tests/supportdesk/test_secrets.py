"""The secret store: environment, then the OS keyring, then a private file; never a password on disk in a URL."""

import io
import os
import stat
import sys

import keyring
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest
from sqlalchemy import event, make_url

from supportdesk import secrets
from supportdesk.cli.main import main
from supportdesk.config import load_settings
from supportdesk.db import make_engine
from supportdesk.errors import Invalid, StorageError
from tests.conftest import PG_URL, MemoryKeyring
from tests.words import in_english


def _mode(path: os.PathLike[str]) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


PLAINTEXT = type("PlaintextKeyring", (MemoryKeyring,), {"__module__": "keyrings.alt.file"})


@pytest.fixture
def no_keyring():
    """A headless machine: the only backend is `fail`, whose get and set both raise."""
    keyring.set_keyring(keyring.backends.fail.Keyring())


def test_a_secret_set_on_a_desktop_goes_to_the_os_keyring(memory_keyring):
    source = secrets.store("db-password", "s3cret")
    assert source.kind == "keyring"
    assert memory_keyring.values[("supportdesk", "db-password")] == "s3cret"
    assert secrets.get("db-password") == "s3cret"
    assert not secrets.secrets_file().exists()


def test_the_environment_wins_over_the_keyring_and_the_file(memory_keyring, monkeypatch):
    secrets.store("db-password", "from-file", to_file=True)
    secrets.store("db-password", "from-keyring")
    monkeypatch.setenv("SUPPORTDESK_SECRET_DB_PASSWORD", "from-env")
    assert secrets.get("db-password") == "from-env"
    assert secrets.where("db-password").where == "SUPPORTDESK_SECRET_DB_PASSWORD"
    monkeypatch.delenv("SUPPORTDESK_SECRET_DB_PASSWORD")
    assert secrets.get("db-password") == "from-keyring"


def test_without_a_keyring_the_secret_falls_back_to_a_private_file(no_keyring):
    source = secrets.store("db-key", "correct horse")
    assert source.kind == "file"
    path = secrets.secrets_file()
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    assert secrets.get("db-key") == "correct horse"
    assert secrets.where("db-key").kind == "file"


@pytest.mark.parametrize(
    "backend",
    [keyring.backends.null.Keyring, PLAINTEXT],
    ids=["null", "keyrings.alt plaintext"],
)
def test_keyrings_that_keep_nothing_or_keep_it_in_clear_are_not_used(backend):
    keyring.set_keyring(backend())
    assert secrets.usable_keyring() is None
    assert secrets.store("db-key", "k").kind == "file"


@pytest.mark.parametrize(
    ("held", "usable"),
    [([], False), ([MemoryKeyring()], True), ([MemoryKeyring(), PLAINTEXT()], False)],
    ids=["empty", "one real keyring", "with a plaintext one"],
)
def test_a_chain_of_keyrings_is_used_only_when_every_link_is_safe(monkeypatch, held, usable):
    from keyring.backends.chainer import ChainerBackend

    monkeypatch.setattr(ChainerBackend, "backends", held)
    keyring.set_keyring(ChainerBackend())
    assert (secrets.usable_keyring() is not None) == usable


def test_a_keyring_that_fails_on_read_is_skipped_for_the_file(memory_keyring, monkeypatch):
    secrets.store("db-key", "in-file", to_file=True)

    def locked(*_args: object) -> None:
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "get_password", locked)
    assert secrets.get("db-key") == "in-file"


def test_a_secrets_file_others_can_read_is_refused_with_the_fix(no_keyring):
    secrets.store("db-key", "k")
    path = secrets.secrets_file()
    path.chmod(0o644)
    with pytest.raises(secrets.SecretError, match=r"chmod 600 .*secrets\.json"):
        secrets.get("db-key")


def test_a_missing_secret_names_all_three_ways_to_provide_it(no_keyring):
    with pytest.raises(secrets.SecretMissing) as missing:
        secrets.get("db-password")
    message = in_english(missing.value)
    assert "SUPPORTDESK_SECRET_DB_PASSWORD" in message
    assert "supportdesk secret set db-password" in message
    assert "keyring" in message and str(secrets.secrets_file()) in message


def test_secret_names_are_checked():
    with pytest.raises(secrets.SecretError):
        secrets.store("../etc/passwd", "x")


def _cli(capsys, *args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["--lang", "en", *args])  # the words checked are the English ones, whatever the pass's language
    out, err = capsys.readouterr()
    return code, out, err


def test_secret_set_reads_stdin_and_where_never_prints_the_value(capsys, monkeypatch, memory_keyring):
    code, out, _ = _cli(capsys, "secret", "set", "db-password", stdin="pa55word\n", monkeypatch=monkeypatch)
    assert code == 0 and "OS keyring" in out
    assert memory_keyring.values[("supportdesk", "db-password")] == "pa55word"
    code, out, _ = _cli(capsys, "secret", "where", "db-password")
    assert code == 0 and "OS keyring" in out and "pa55word" not in out
    code, out, _ = _cli(capsys, "secret", "delete", "db-password")
    assert code == 0 and "Removed" in out
    code, _, err = _cli(capsys, "secret", "where", "db-password")
    assert code == 3 and "supportdesk secret set db-password" in err
    assert len(err.strip().splitlines()) == 1


def test_secret_set_without_a_keyring_says_where_it_went(capsys, monkeypatch, no_keyring):
    code, out, _ = _cli(capsys, "secret", "set", "db-key", stdin="k\n", monkeypatch=monkeypatch)
    assert code == 0 and str(secrets.secrets_file()) in out
    assert _mode(secrets.secrets_file()) == 0o600


def test_the_postgresql_password_comes_from_the_secret_store_at_connect_time(memory_keyring):
    secrets.store("db-password", "pg-pass")
    engine = make_engine("postgresql://desk@127.0.0.1:1/supportdesk")
    seen: dict[str, object] = {}

    class Stop(Exception):
        pass

    @event.listens_for(engine, "do_connect")
    def spy(_dialect, _record, _cargs, cparams):
        seen.update(cparams)
        raise Stop

    with pytest.raises(Stop):
        engine.connect()
    assert seen["password"] == "pg-pass"
    assert engine.url.password is None  # never part of the URL


def test_a_password_in_the_config_file_url_is_refused(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('db = "postgresql://desk:hunter2@dbhost/supportdesk"\n', encoding="utf-8")
    with pytest.raises(Invalid, match="secret set db-password") as refused:
        load_settings(path)
    assert "hunter2" not in str(refused.value)
    path.write_text('db = "postgresql://desk@dbhost/supportdesk"\n', encoding="utf-8")
    assert load_settings(path).db == "postgresql://desk@dbhost/supportdesk"


def test_a_refused_database_password_says_how_to_store_it():
    from sqlalchemy.exc import OperationalError

    from supportdesk.db import translate_errors

    with pytest.raises(StorageError, match="supportdesk secret set db-password"), translate_errors():
        raise OperationalError("connect", {}, Exception('password authentication failed for user "desk"'))


@pytest.mark.skipif(not PG_URL or make_url(PG_URL).password is None, reason="needs a PostgreSQL URL with a password")
def test_a_real_server_accepts_the_password_from_the_secret_store():
    url = make_url(PG_URL)
    secrets.store("db-password", url.password)
    engine = make_engine(url.set(password=None).render_as_string(hide_password=False))
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        engine.dispose()
