"""assistant.logging_setup: no phone, ID or account number reaches a log line."""

from __future__ import annotations

import io
import logging
import logging.config
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from assistant import logging_setup
from assistant.logging_setup import PersonalDataFilter, describe_exception, install, mask_personal_numbers

LOGGING_YML = Path(logging_setup.__file__).with_name("logging.yml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话13900001001", "电话*******1001"),
        ("电话 139-0000-1001 ", "电话 ***-****-1001 "),
        ("电话139 0000 1001", "电话*** **** 1001"),
        ("身份证42090219661003002X", "身份证**************002X"),
        ("身份证420902196610030029", "身份证**************0029"),
        ("账号6222 0212 3456 7890 123", "账号**** **** **** ***0 123"),
        ("账号6222-0212-3456-7890", "账号****-****-****-7890"),
        ("账号６２２２０２１２３４５６７８９０", "账号************７８９０"),
        ("账号6222\u30000212\u30003456\u30007890", "账号****\u3000****\u3000****\u30007890"),
    ],
)
def test_each_form_of_a_personal_number_is_masked(text: str, expected: str) -> None:
    assert mask_personal_numbers(text) == expected


@pytest.mark.parametrize("text", ["打开案件 YJ20261125001", "转了80000元", "2026-12-01 21:22", "会话 conv-42 第3轮"])
def test_ids_amounts_and_times_are_left_alone(text: str) -> None:
    assert mask_personal_numbers(text) == text


def _logger_writing_to(stream: io.StringIO, name: str) -> tuple[logging.Logger, logging.Handler]:
    logger = logging.getLogger(name)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    return logger, handler


@pytest.fixture()
def stream() -> Iterator[io.StringIO]:
    yield io.StringIO()


def test_a_phone_in_the_log_arguments_comes_out_masked(stream: io.StringIO) -> None:
    logger, handler = _logger_writing_to(stream, "test.logging.args")
    handler.addFilter(PersonalDataFilter())
    logger.info("called %s about account %s", "13900001001", "6222 0212 3456 7890 123")
    logger.removeHandler(handler)
    assert stream.getvalue() == "called *******1001 about account **** **** **** ***0 123\n"


def test_a_traceback_is_masked_too(stream: io.StringIO) -> None:
    logger, handler = _logger_writing_to(stream, "test.logging.traceback")
    handler.addFilter(PersonalDataFilter())
    try:
        raise ValueError("bad account 6222021234567890123")
    except ValueError:
        logger.exception("lookup failed")
    logger.removeHandler(handler)
    written = stream.getvalue()
    assert "ValueError" in written and "***************0123" in written
    assert "6222021234567890123" not in written


def test_install_masks_existing_and_later_handlers_and_child_loggers(stream: io.StringIO) -> None:
    root = logging.getLogger()
    saved_handlers, saved_filters, saved_level = list(root.handlers), list(root.filters), root.level
    saved_factory = logging.getLogRecordFactory()
    early = logging.StreamHandler(stream)
    root.handlers = [early]
    root.setLevel(logging.INFO)
    try:
        installed = install()
        assert install() is installed  # a second call adds nothing
        assert early.filters == [installed]
        late = logging.StreamHandler(stream)
        root.addHandler(late)  # added after install: the record factory still masks
        logging.getLogger("assistant.some.child").info("phone %s", "13900001001")
    finally:
        root.handlers, root.filters = saved_handlers, saved_filters
        root.setLevel(saved_level)
        logging.setLogRecordFactory(saved_factory)
        logging_setup._installed_factory = False
    assert stream.getvalue() == "phone *******1001\n" * 2


def test_the_rasa_logging_config_file_uses_the_filter(stream: io.StringIO) -> None:
    config = yaml.safe_load(LOGGING_YML.read_text(encoding="utf-8"))
    assert config["filters"]["personal_data"]["()"] == "assistant.logging_setup.PersonalDataFilter"
    assert all("personal_data" in handler["filters"] for handler in config["handlers"].values())
    config["handlers"]["console"]["stream"] = stream
    config["root"]["handlers"] = ["console"]
    config["loggers"] = {"test.logging.yml": {"level": "INFO", "handlers": ["console"], "propagate": False}}
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    try:
        logging.config.dictConfig(config)
        logging.getLogger("test.logging.yml").warning("id %s", "42090219661003002X")
    finally:
        root.handlers = saved_handlers
        root.setLevel(saved_level)
        logging.getLogger("test.logging.yml").handlers = []
    assert "**************002X" in stream.getvalue()
    assert "42090219661003002X" not in stream.getvalue()


def test_describe_exception_names_type_and_place_but_not_the_message() -> None:
    try:
        raise ValueError("不符合格式的数据：何女士")
    except ValueError as error:
        described = describe_exception(error)
    assert described.startswith("ValueError at test_logging_setup.py:")
    assert "何女士" not in described
