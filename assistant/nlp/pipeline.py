"""Build, save and load the project's spaCy pipeline: blank Chinese, jieba, the rules."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

# Importing the module registers the factory in this process even when the package's
# entry point is not installed (e.g. running from a source checkout).
from assistant.nlp import components  # noqa: F401

PIPELINE_NAME = "zh_quanzu"
PIPELINE_VERSION = "0.1.0"


def build_pipeline() -> Language:
    """Create the pipeline from source: blank ``zh`` with the jieba segmenter and the rules."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("quanzu_entities")
    nlp.meta["name"] = PIPELINE_NAME.removeprefix("zh_")
    nlp.meta["version"] = PIPELINE_VERSION
    nlp.meta["description"] = "Quanzu: jieba segmentation and rule-based anti-fraud entities (no pretrained weights)."
    return nlp


def save_pipeline(output: Path) -> Path:
    """Build the pipeline and write it to ``output`` (a directory spaCy and Rasa load)."""
    nlp = build_pipeline()
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return output


def load_pipeline(path: Path) -> Language:
    """Load a saved pipeline."""
    return spacy.load(path)
