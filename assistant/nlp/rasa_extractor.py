"""Rasa NLU component that exposes the spaCy pipeline's rule-based entities to Rasa.

Used in ``config.yml`` after ``SpacyNLP`` (which loads the project's saved pipeline) as
``assistant.nlp.rasa_extractor.QuanzuEntityExtractor``.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.tokens import Doc

from assistant.logging_setup import describe_exception

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    is_trainable=False,
    model_from="SpacyNLP",
)
class QuanzuEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds the entities found by the ``quanzu_entities`` spaCy component to each message."""

    @classmethod
    def required_components(cls) -> list[type]:
        """SpacyNLP must load the pipeline first."""
        return [SpacyNLP]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``entities``: the entity types to keep; ``None`` keeps every type."""
        return {"entities": None}

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> QuanzuEntityExtractor:
        """Create the component; it has nothing to train or persist."""
        return cls(config)

    def process_training_data(self, training_data: TrainingData, model: SpacyModel) -> TrainingData:
        """Leave training data as it is: the rules need no training."""
        return training_data

    def process(self, messages: list[Message], model: SpacyModel) -> list[Message]:
        """Add the rules' entities to each message.

        The doc ``SpacyNLP`` made of the message is reused when it is of the original text;
        otherwise the pipeline runs again on the original text. A message the analysis fails
        on goes on without entities (an intent and a re-ask still reach the officer); the log
        line names the message's length, never its text.
        """
        wanted = self._config.get("entities")
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            try:
                mentions = self._mentions(message, text, model)
            except _MissingComponent:
                raise
            except Exception as error:
                # No traceback: exception messages quote their input, and this is an officer's text.
                logger.error(
                    "entity analysis failed on a message of %d characters (%s); no entities added",
                    len(text), describe_exception(error),
                )
                continue
            entities = [
                mention.as_rasa_entity(self.name)
                for mention in mentions
                if wanted is None or mention.entity in wanted
            ]
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages

    @staticmethod
    def _mentions(message: Message, text: str, model: SpacyModel) -> list[Any]:
        doc = message.get(SPACY_DOCS[TEXT])
        if not isinstance(doc, Doc) or doc.text != text:
            doc = model.model(text)
        mentions = doc._.quanzu_entities if doc.has_extension("quanzu_entities") else None
        if mentions is None:
            raise _MissingComponent(
                f"The spaCy pipeline '{model.model_name}' has no quanzu_entities component; "
                "rebuild it with 'quanzu build-nlp'."
            )
        return list(mentions)

    @property
    def name(self) -> str:
        """The extractor name Rasa records on each entity."""
        return "QuanzuEntityExtractor"


class _MissingComponent(RuntimeError):
    """The loaded spaCy pipeline was built without the rules: a setup error, not a bad message."""
