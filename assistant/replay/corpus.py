"""Reading replay files: test stories (Rasa's story reader) plus their per-turn replay metadata."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rasa.shared.utils.io
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

from assistant.replay.errors import ReplayFileError
from assistant.replay.turns import REPLAY_KEY, Turn, turns_from_events


@dataclass
class Replay:
    """One recorded conversation to replay: where it is, its name and its turns."""

    path: Path
    name: str
    turns: list[Turn]

    @property
    def label(self) -> str:
        """``file › story name``, how the reports name a replay."""
        return f"{self.path} › {self.name}"


def find_replay_files(target: Path) -> list[Path]:
    """The replay files at ``target``: the file itself, or every ``.yml`` below the directory."""
    if target.is_file():
        return [target]
    return sorted(p for p in target.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def _with_metadata(turns: list[Turn], entries: Sequence[dict[str, Any]], where: str) -> list[Turn]:
    if len(entries) != len(turns):
        raise ReplayFileError(
            f"{where}: {len(turns)} user steps but {len(entries)} entries in metadata.replay.turns"
        )
    for turn, entry in zip(turns, entries, strict=True):
        turn.responses = [str(name) for name in entry.get("responses") or []]
        turn.reminders = [str(name) for name in entry.get("reminders") or []]
        turn.metadata = dict(entry.get("message_metadata") or {})
        turn.external = bool(entry.get("external", turn.external))
    return turns


def load_replay_file(path: Path, domain: Domain) -> list[Replay]:
    """Every story of one replay file, as replays.

    Raises:
        ReplayFileError: when the file is not a story file or a story lacks its replay metadata.
    """
    try:
        document = rasa.shared.utils.io.read_yaml_file(path)
        steps = YAMLStoryReader(domain, str(path)).read_from_file(path)
    except Exception as error:  # a broken file is reported by name, not as a traceback
        raise ReplayFileError(f"{path}: cannot read it as test stories ({error})") from error
    metadata_by_name: dict[str, list[dict[str, Any]]] = {}
    for story in (document or {}).get("stories") or []:
        name = str(story.get("story"))
        if name in metadata_by_name:
            raise ReplayFileError(f"{path}: two stories are named {name!r}")
        replay = (story.get("metadata") or {}).get(REPLAY_KEY)
        if replay is None:
            raise ReplayFileError(f"{path}: story {name!r} has no metadata.replay (was it written by the export?)")
        metadata_by_name[name] = list(replay.get("turns") or [])
    replays = []
    for step in steps:
        where = f"{path} › {step.block_name}"
        turns = _with_metadata(turns_from_events(step.events), metadata_by_name.get(step.block_name, []), where)
        replays.append(Replay(path, step.block_name, turns))
    return replays


def load_replays(target: Path, domain: Domain) -> list[Replay]:
    """Every replay in a file or directory, in file order.

    Raises:
        ReplayFileError: when there is none, or a file cannot be used.
    """
    files = find_replay_files(target)
    replays = [replay for path in files for replay in load_replay_file(path, domain)]
    if not replays:
        raise ReplayFileError(f"no replay stories in {target}")
    return replays
