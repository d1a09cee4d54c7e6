"""The scenario library (``data/drills/*.yml``): loading and validating drills.

A drill describes a simulated person: profile, the state they start in and, per state, their
line, their current objection and what moves them on (rules the trainee's line must pass,
cue words it must contain, rules whose failure sends the person away).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.coach.rules import OBJECTION_CUES, RULE_NAMES
from assistant.config import project_root
from assistant.domain.fraud_types import FraudType
from assistant.errors import QuanzuError

ENDINGS = ("success", "failure")
REACTIONS = frozenset(OBJECTION_CUES)


class DrillFormatError(QuanzuError):
    """A drill file is malformed; the message names the file and the field."""

    def __init__(self, path: Path | str, field_name: str, reason: str) -> None:
        super().__init__(f"{path}: {field_name}: {reason}", path=str(path), field=field_name, reason=reason)
        self.path = str(path)
        self.field = field_name


class DrillNotFound(QuanzuError):
    """No drill with this id is in the library."""

    def __init__(self, drill_id: str) -> None:
        super().__init__(f"no drill with id {drill_id!r} (see `quanzu drill --list`)", drill_id=drill_id)
        self.drill_id = drill_id


@dataclass(frozen=True)
class Transition:
    """Where the person goes when the trainee's line meets the conditions.

    Attributes:
        to: the next state.
        passes: rules the line must pass.
        fails: rules the line must fail (e.g. blame makes a panicking person hang up).
        cues: at least one of these words must occur in the line (empty: no condition).
    """

    to: str
    passes: tuple[str, ...] = ()
    fails: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class DrillState:
    """One state of the simulated person."""

    name: str
    line: str
    objection: str | None = None
    stuck: str | None = None
    end: str | None = None
    next: tuple[Transition, ...] = ()


@dataclass(frozen=True)
class Profile:
    """Who the person is."""

    address: str
    age: int | None
    situation: str


@dataclass(frozen=True)
class Drill:
    """A training scenario."""

    id: str
    title: str
    fraud_type: str
    profile: Profile
    start: str
    states: dict[str, DrillState]
    max_turns: int
    give_up: str
    temperament: str = "calm"
    sample: tuple[str, ...] = field(default_factory=tuple)
    path: str = ""

    @property
    def opening_line(self) -> str:
        """What the person says when the call connects."""
        return self.states[self.start].line


def _require(data: dict[str, Any], key: str, path: Path, where: str = "") -> Any:
    if key not in data or data[key] in (None, ""):
        raise DrillFormatError(path, f"{where}{key}", "missing")
    return data[key]


def _text(value: Any, path: Path, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DrillFormatError(path, name, "must be a non-empty text")
    return value.strip()


def _names(value: Any, path: Path, name: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, (str, int)) for item in value):
        raise DrillFormatError(path, name, "must be a list of texts")
    items = tuple(str(item) for item in value)
    if allowed is not None:
        for item in items:
            if item not in allowed:
                raise DrillFormatError(path, name, f"unknown rule {item!r} (known: {', '.join(allowed)})")
    return items


def _transition(raw: Any, path: Path, where: str, states: set[str]) -> Transition:
    if not isinstance(raw, dict):
        raise DrillFormatError(path, where, "must be a mapping with 'to'")
    target = _text(_require(raw, "to", path, f"{where}."), path, f"{where}.to")
    if target not in states:
        raise DrillFormatError(path, f"{where}.to", f"unknown state {target!r}")
    unknown = set(raw) - {"to", "passes", "fails", "cues"}
    if unknown:
        raise DrillFormatError(path, where, f"unknown keys {sorted(unknown)}")
    return Transition(
        to=target,
        passes=_names(raw.get("passes"), path, f"{where}.passes", RULE_NAMES),
        fails=_names(raw.get("fails"), path, f"{where}.fails", RULE_NAMES),
        cues=_names(raw.get("cues"), path, f"{where}.cues"),
    )


def parse_drill(data: Any, path: Path) -> Drill:
    """Validate one drill's data and build the drill.

    Raises:
        DrillFormatError: naming the file and the field at fault.
    """
    if not isinstance(data, dict):
        raise DrillFormatError(path, "(file)", "must be a YAML mapping")
    drill_id = _text(_require(data, "id", path), path, "id")
    fraud_type = _text(_require(data, "fraud_type", path), path, "fraud_type")
    if fraud_type not in {member.value for member in FraudType}:
        raise DrillFormatError(path, "fraud_type", f"unknown fraud type {fraud_type!r}")
    raw_profile = _require(data, "profile", path)
    if not isinstance(raw_profile, dict):
        raise DrillFormatError(path, "profile", "must be a mapping")
    age = raw_profile.get("age")
    if age is not None and not isinstance(age, int):
        raise DrillFormatError(path, "profile.age", "must be a whole number")
    profile = Profile(
        address=_text(_require(raw_profile, "address", path, "profile."), path, "profile.address"),
        age=age,
        situation=_text(_require(raw_profile, "situation", path, "profile."), path, "profile.situation"),
    )
    raw_states = _require(data, "states", path)
    if not isinstance(raw_states, dict):
        raise DrillFormatError(path, "states", "must be a mapping of state names")
    names = {str(name) for name in raw_states}
    states: dict[str, DrillState] = {}
    for name, raw in raw_states.items():
        where = f"states.{name}"
        if not isinstance(raw, dict):
            raise DrillFormatError(path, where, "must be a mapping")
        objection = raw.get("objection")
        if objection is not None and objection not in REACTIONS:
            raise DrillFormatError(path, f"{where}.objection", f"unknown reaction intent {objection!r}")
        end = raw.get("end")
        if end is not None and end not in ENDINGS:
            raise DrillFormatError(path, f"{where}.end", f"must be one of {ENDINGS}")
        raw_next = raw.get("next") or []
        if not isinstance(raw_next, list):
            raise DrillFormatError(path, f"{where}.next", "must be a list of transitions")
        if end is None and not raw_next:
            raise DrillFormatError(path, f"{where}.next", "a state that does not end the drill needs transitions")
        states[str(name)] = DrillState(
            name=str(name),
            line=_text(_require(raw, "line", path, f"{where}."), path, f"{where}.line"),
            objection=objection,
            stuck=_text(raw["stuck"], path, f"{where}.stuck") if raw.get("stuck") is not None else None,
            end=end,
            next=tuple(_transition(item, path, f"{where}.next[{index}]", names) for index, item in enumerate(raw_next)),
        )
    start = _text(data.get("start", "start"), path, "start")
    if start not in states:
        raise DrillFormatError(path, "start", f"unknown state {start!r}")
    if not any(state.end == "success" for state in states.values()):
        raise DrillFormatError(path, "states", "no state ends in success")
    max_turns = data.get("max_turns", 6)
    if not isinstance(max_turns, int) or max_turns < 1:
        raise DrillFormatError(path, "max_turns", "must be a positive whole number")
    temperament = data.get("temperament", "calm")
    if temperament not in ("calm", "distrustful", "panicking"):
        raise DrillFormatError(path, "temperament", "must be calm, distrustful or panicking")
    sample = data.get("sample") or []
    if not isinstance(sample, list) or not all(isinstance(item, str) for item in sample):
        raise DrillFormatError(path, "sample", "must be a list of officer lines")
    return Drill(
        id=drill_id,
        title=_text(_require(data, "title", path), path, "title"),
        fraud_type=fraud_type,
        profile=profile,
        start=start,
        states=states,
        max_turns=max_turns,
        give_up=_text(_require(data, "give_up", path), path, "give_up"),
        temperament=temperament,
        sample=tuple(sample),
        path=str(path),
    )


def drills_directory() -> Path:
    """Where the scenario library lives."""
    return project_root() / "data" / "drills"


def load_drill_file(path: Path) -> Drill:
    """Load and validate one drill file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DrillFormatError(path, "(file)", f"not valid YAML: {error}") from error
    return parse_drill(data, path)


def load_drills(directory: Path | None = None) -> dict[str, Drill]:
    """Load every drill of the library, by id (sorted).

    Raises:
        DrillFormatError: a file is malformed, or two files share an id.
    """
    directory = directory or drills_directory()
    drills: dict[str, Drill] = {}
    for path in sorted(directory.glob("*.yml")):
        drill = load_drill_file(path)
        if drill.id in drills:
            raise DrillFormatError(path, "id", f"duplicate id {drill.id!r} (also in {drills[drill.id].path})")
        drills[drill.id] = drill
    return dict(sorted(drills.items()))


def get_drill(drill_id: str, directory: Path | None = None) -> Drill:
    """The drill called ``drill_id``."""
    drills = load_drills(directory)
    if drill_id not in drills:
        raise DrillNotFound(drill_id)
    return drills[drill_id]
