"""The officer's follow-ups on a suggestion: "why?" and "another way to say it"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from assistant.dialogue.explain import rationale_for
from assistant.dialogue.history import last_suggestion
from assistant.dialogue.variations import alternative


class ActionExplainSuggestion(Action):
    """Gives the one-line rationale of the latest suggestion."""

    def name(self) -> str:
        return "action_explain_suggestion"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        suggestion = last_suggestion(tracker.events)
        if suggestion is None:
            dispatcher.utter_message(response="utter_no_suggestion_yet")
            return []
        rationale = rationale_for(suggestion.response, tracker.get_slot("fraud_type"))
        dispatcher.utter_message(text=f"为什么这么说:{rationale or '这是中心规范话术:先点明骗局,再给一个明确的动作。'}")
        return []


class ActionAlternativeSuggestion(Action):
    """Says the latest suggestion another way: the next applicable variation of its response."""

    def name(self) -> str:
        return "action_alternative_suggestion"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        suggestion = last_suggestion(tracker.events)
        if suggestion is None:
            dispatcher.utter_message(response="utter_no_suggestion_yet")
            return []
        variations = (domain.get("responses") or {}).get(suggestion.response) or []
        text = alternative(variations, tracker.slots, suggestion.text)
        if text is None:
            dispatcher.utter_message(response="utter_no_alternative")
            return []
        # The response name travels as metadata so "why" and "another way" keep working.
        dispatcher.utter_message(text=text, suggestion=suggestion.response)
        return []
