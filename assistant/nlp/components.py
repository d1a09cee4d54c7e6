"""spaCy components of the Quanzu pipeline, registered through spaCy's factory registry.

The package declares the factory as a ``spacy_factories`` entry point, so a saved pipeline
loads with ``spacy.load(path)`` in any process where the package is installed.
"""

# No "from __future__ import annotations" here: spaCy validates factory signatures with
# pydantic, which needs real annotations.
import logging

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from assistant.logging_setup import describe_exception
from assistant.nlp.analysis import analyse

logger = logging.getLogger(__name__)

ENTITY_LABELS: dict[str, str] = {
    "case_id": "CASE_ID",
    "account_number": "ACCOUNT",
    "accounts_frozen": "ACCOUNTS_FROZEN",
    "transfer_time": "TIME",
    "amount": "MONEY",
    "bank": "BANK",
    "outcome": "OUTCOME",
    "fraud_type": "FRAUD_TYPE",
    "person_location": "LOCATION",
}


class QuanzuEntityRules:
    """Finds the contract's entities with the project's rules.

    Sets ``doc._.quanzu_entities`` (exact character spans with normalised values, what Rasa
    consumes) and ``doc.ents`` (the same, widened to token boundaries, for spaCy users).
    """

    def __init__(self, nlp: Language, name: str, overwrite_ents: bool) -> None:
        self.name = name
        self.overwrite_ents = overwrite_ents
        if not Doc.has_extension("quanzu_entities"):
            Doc.set_extension("quanzu_entities", default=None)
        if not Span.has_extension("quanzu_value"):
            Span.set_extension("quanzu_value", default=None)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` with the entities the rules find.

        A failure of the rules on some text leaves the doc without entities instead of failing
        the whole pipeline (and with it the officer's message); the log line gives the text's
        length, never the text, which may hold personal data.
        """
        try:
            mentions = analyse(doc.text)
        except Exception as error:
            # No traceback: exception messages quote their input (cn2an's do).
            logger.error(
                "entity rules failed on a text of %d characters (%s); no entities set",
                len(doc.text), describe_exception(error),
            )
            doc._.quanzu_entities = []
            return doc
        doc._.quanzu_entities = mentions
        spans = []
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, label=ENTITY_LABELS[mention.entity], alignment_mode="expand")
            if span is not None:
                span._.quanzu_value = mention.value
                spans.append(span)
        existing = [] if self.overwrite_ents else list(doc.ents)
        doc.set_ents(filter_spans(existing + spans))
        return doc


@Language.factory("quanzu_entities", default_config={"overwrite_ents": True})
def make_entity_rules(nlp: Language, name: str, overwrite_ents: bool) -> QuanzuEntityRules:
    """Create the rule-based entity component (factory ``quanzu_entities``)."""
    return QuanzuEntityRules(nlp, name, overwrite_ents)
