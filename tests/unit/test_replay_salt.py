"""The salt ``quanzu replay export`` masks with, and what its error messages may show."""

from __future__ import annotations

import pytest

from assistant.replay.commands import MIN_SALT_LENGTH, SALT_VARIABLE, UnsafeSalt, _shown_url, export_salt
from assistant.replay.masking import DEFAULT_SALT


def test_a_long_unknown_salt_is_used() -> None:
    salt = "x7Kq2mP9vR4tW8zN"
    assert len(salt) == MIN_SALT_LENGTH
    assert export_salt({SALT_VARIABLE: salt}) == salt


@pytest.mark.parametrize("environ", [{}, {SALT_VARIABLE: ""}, {SALT_VARIABLE: "x7Kq2mP9vR4tW8z"},
                                     {SALT_VARIABLE: DEFAULT_SALT}, {SALT_VARIABLE: "CHANGEME"}])
def test_a_missing_short_or_published_salt_is_refused(environ: dict[str, str]) -> None:
    with pytest.raises(UnsafeSalt, match=SALT_VARIABLE):
        export_salt(environ)


def test_the_demo_salt_only_on_request() -> None:
    assert export_salt({}, public_demo_salt=True) == DEFAULT_SALT


def test_database_errors_do_not_show_the_password() -> None:
    shown = _shown_url("postgresql://quanzu:s3cret-pw@db.internal/quanzu")
    assert "s3cret-pw" not in shown and "db.internal/quanzu" in shown
    assert "s3cret" not in _shown_url("not a url s3cret")
