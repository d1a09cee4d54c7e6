"""The Rasa NLU component over the real spaCy pipeline: entities added, failures contained.

A failing analysis used to fail the whole Rasa pipeline: the officer's message got no reply.
"""

from __future__ import annotations

import logging

import pytest
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from spacy.language import Language

from assistant.nlp import components
from assistant.nlp.pipeline import build_pipeline
from assistant.nlp.rasa_extractor import QuanzuEntityExtractor

SECRET_TEXT = "何女士 13900001001 转了8万到工行 6222 0212 3456 7890 123"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def _extractor() -> QuanzuEntityExtractor:
    return QuanzuEntityExtractor(QuanzuEntityExtractor.get_default_config())


def test_entities_of_the_rules_are_added(nlp: Language) -> None:
    message = Message(data={TEXT: "她转了8万到工行"})
    _extractor().process([message], SpacyModel(nlp, "zh_quanzu"))
    assert {(e["entity"], e["value"]) for e in message.get(ENTITIES)} == {("amount", 80000), ("bank", "中国工商银行")}


def test_the_doc_spacy_nlp_made_is_reused(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    message = Message(data={TEXT: "她转了8万"})
    message.set(SPACY_DOCS[TEXT], nlp("她转了8万"))
    calls = []
    monkeypatch.setattr(components, "analyse", lambda text: calls.append(text) or [])
    _extractor().process([message], SpacyModel(nlp, "zh_quanzu"))
    assert calls == []  # the rules already ran when the doc was made
    assert [e["value"] for e in message.get(ENTITIES)] == [80000]


def _failing_analysis(text: str) -> list[object]:
    raise RuntimeError("rules broke")


def test_a_failing_analysis_leaves_the_message_without_entities_and_logs_no_text(
    nlp: Language, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(components, "analyse", _failing_analysis)
    message = Message(data={TEXT: SECRET_TEXT})
    other = Message(data={TEXT: "帮助"})
    with caplog.at_level(logging.ERROR):
        processed = _extractor().process([message, other], SpacyModel(nlp, "zh_quanzu"))
    assert processed == [message, other]
    assert message.get(ENTITIES, []) == []
    assert caplog.records, "the failure is logged"
    assert all(record.exc_info is None and not record.exc_text for record in caplog.records)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "RuntimeError at" in logged
    assert f"{len(SECRET_TEXT)} characters" in logged
    for part in ("何女士", "13900001001", "6222", "8万"):
        assert part not in logged


def test_a_failure_of_the_spacy_pipeline_itself_is_contained_too(
    nlp: Language, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(text: str) -> object:
        raise ValueError(f"tokenizer failed on {text}")

    message = Message(data={TEXT: SECRET_TEXT})
    with caplog.at_level(logging.ERROR):
        _extractor().process([message], SpacyModel(broken, "zh_quanzu"))  # type: ignore[arg-type]
    assert message.get(ENTITIES, []) == []
    assert caplog.records
    for record in caplog.records:
        assert "13900001001" not in record.getMessage() and record.exc_info is None


def test_a_pipeline_without_the_rules_is_still_a_setup_error() -> None:
    import spacy

    blank = spacy.blank("en")
    with pytest.raises(RuntimeError, match="quanzu build-nlp"):
        _extractor().process([Message(data={TEXT: "hello"})], SpacyModel(blank, "blank"))


def test_the_spacy_component_contains_a_failure_as_well(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(components, "analyse", _failing_analysis)
    doc = nlp("冻结了十十个账户")
    assert doc._.quanzu_entities == []
