#!/usr/bin/env python3
"""Fail when the held-out NLU evaluation's intent accuracy is below the threshold.

Usage: check_nlu_accuracy.py results/intent_report.json 0.90
"""

from __future__ import annotations

import json
import sys


def main(report_path: str, threshold: float) -> int:
    """Print per-intent F1 and the accuracy; exit 1 below ``threshold``."""
    with open(report_path, encoding="utf-8") as handle:
        report = json.load(handle)
    accuracy = float(report["accuracy"])
    for intent, scores in sorted(report.items()):
        if isinstance(scores, dict) and "f1-score" in scores and intent not in ("macro avg", "weighted avg", "micro avg"):
            print(f"  {intent:<24} f1={scores['f1-score']:.2f} support={scores['support']}")
    print(f"held-out intent accuracy: {accuracy:.3f} (required: {threshold:.2f})")
    return 0 if accuracy >= threshold else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
