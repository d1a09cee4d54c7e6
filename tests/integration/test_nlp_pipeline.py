"""The spaCy pipeline: built from source, saved, and loaded back with ``spacy.load``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from assistant.nlp.pipeline import PIPELINE_VERSION, build_pipeline, load_pipeline, save_pipeline

OFFICER_SENTENCE = "她已经转了5万到工行 6222 0212 3456 7890 123,下午三点转的"


@pytest.fixture(scope="module")
def saved_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_pipeline(tmp_path_factory.mktemp("nlp") / "zh_quanzu")


@pytest.fixture(scope="module")
def nlp(saved_pipeline: Path) -> Language:
    return spacy.load(saved_pipeline)


def _entities(doc) -> list[tuple[str, str, object, str | None]]:
    return [(m.entity, m.text, m.value, m.role) for m in doc._.quanzu_entities]


def test_build_gives_blank_chinese_with_jieba_and_the_rules() -> None:
    built = build_pipeline()
    assert built.lang == "zh"
    assert built.pipe_names == ["quanzu_entities"]
    assert built.tokenizer.segmenter == "jieba"
    assert built.meta["version"] == PIPELINE_VERSION


def test_save_writes_a_loadable_directory(saved_pipeline: Path) -> None:
    assert (saved_pipeline / "config.cfg").is_file()
    meta = json.loads((saved_pipeline / "meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == "zh"
    assert "quanzu_entities" in meta["pipeline"]


def test_spacy_load_restores_the_pipeline(nlp: Language, saved_pipeline: Path) -> None:
    assert nlp.pipe_names == ["quanzu_entities"]
    assert nlp.tokenizer.segmenter == "jieba"
    assert load_pipeline(saved_pipeline).pipe_names == ["quanzu_entities"]


def test_loaded_pipeline_finds_the_entities_of_an_officer_sentence(nlp: Language) -> None:
    doc = nlp(OFFICER_SENTENCE)
    assert _entities(doc) == [
        ("amount", "5万", 50000, None),
        ("bank", "工行", "中国工商银行", None),
        ("account_number", "6222 0212 3456 7890 123", "6222021234567890123", None),
        ("transfer_time", "下午三点", "下午三点", None),
    ]
    ents = {ent.label_: ent for ent in doc.ents}
    assert set(ents) == {"MONEY", "BANK", "ACCOUNT", "TIME"}
    assert ents["MONEY"]._.quanzu_value == 50000
    assert "5万" in ents["MONEY"].text
    assert ents["BANK"].text == "工行" and ents["BANK"]._.quanzu_value == "中国工商银行"
    assert ents["ACCOUNT"]._.quanzu_value == "6222021234567890123"
    assert ents["TIME"].text == "下午三点"


def test_loaded_pipeline_reads_an_outcome_report(nlp: Language) -> None:
    doc = nlp("打开案件 yj20261125001")
    assert _entities(doc) == [("case_id", "yj20261125001", "YJ20261125001", None)]
    assert [ent.label_ for ent in doc.ents] == ["CASE_ID"]
    doc = nlp("劝阻成功,挽损8万,冻结2个账户")
    found = _entities(doc)
    assert ("outcome", "劝阻成功", "dissuaded", None) in found
    assert ("amount", "8万", 80000, "saved") in found
    assert ("accounts_frozen", "2", 2, None) in found


def test_loaded_pipeline_detects_the_fraud_type(nlp: Language) -> None:
    doc = nlp("对方说她涉嫌洗钱,要把钱转到安全账户")
    fraud = [m for m in doc._.quanzu_entities if m.entity == "fraud_type"]
    assert len(fraud) == 1
    assert fraud[0].value == "impersonate_police"
    assert "FRAUD_TYPE" in {ent.label_ for ent in doc.ents}


def test_jieba_tokenisation_yields_chinese_words(nlp: Language) -> None:
    doc = nlp("她已经转了钱,下午三点转的")
    tokens = [token.text for token in doc]
    assert "已经" in tokens
    assert "下午" in tokens
    # Words, not single characters: at least one multi-character Chinese token.
    assert any(len(token) > 1 and all("\u4e00" <= ch <= "\u9fff" for ch in token) for token in tokens)
    assert "".join(token.text_with_ws for token in doc) == doc.text


def test_a_sentence_without_entities_has_none(nlp: Language) -> None:
    doc = nlp("你好")
    assert doc._.quanzu_entities == []
    assert list(doc.ents) == []


def test_spacy_load_works_in_a_fresh_process_through_the_entry_point(saved_pipeline: Path) -> None:
    # No import of the assistant package: the factory must come from the spacy_factories entry point.
    script = (
        "import sys, spacy\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "doc = nlp('劝阻成功,挽损8万')\n"
        "print(sorted((m.entity, m.value) for m in doc._.quanzu_entities))\n"
        "print('assistant.nlp.pipeline' in sys.modules)\n"
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(saved_pipeline)],
        capture_output=True,
        text=True,
        env=env,
        cwd=saved_pipeline.parent,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-2] == "[('amount', 80000), ('outcome', 'dissuaded')]"
    assert lines[-1] == "False"
