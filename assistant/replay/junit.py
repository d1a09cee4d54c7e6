"""The JUnit XML report of a replay run: one test case per conversation."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from pathlib import Path

from assistant.replay.compare import format_divergence
from assistant.replay.runner import ReplayResult


def junit_xml(results: Sequence[ReplayResult], suite: str = "quanzu-replay") -> ElementTree.ElementTree:
    """The report: a failure per diverging conversation, its message the first divergence."""
    failures = sum(1 for r in results if not r.exact)
    root = ElementTree.Element("testsuites", name=suite, tests=str(len(results)), failures=str(failures))
    suite_element = ElementTree.SubElement(
        root,
        "testsuite",
        name=suite,
        tests=str(len(results)),
        failures=str(failures),
        errors="0",
        time=f"{sum(r.seconds for r in results):.3f}",
    )
    for result in results:
        case = ElementTree.SubElement(
            suite_element,
            "testcase",
            classname=result.replay.path.stem,
            name=result.replay.name,
            file=str(result.replay.path),
            time=f"{result.seconds:.3f}",
        )
        if result.exact:
            continue
        failure = ElementTree.SubElement(case, "failure", message=result.first_divergence() or "", type="divergence")
        details = [result.error] if result.error else [format_divergence(d) for d in result.divergences]
        failure.text = "\n".join(details)
    ElementTree.indent(root)
    return ElementTree.ElementTree(root)


def write_junit(results: Sequence[ReplayResult], path: Path) -> None:
    """Write the JUnit XML report of ``results`` to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    junit_xml(results).write(path, encoding="utf-8", xml_declaration=True)
