"""The safety layer read with the conversation's open question (bot/safety/context.py): a benchmark.

Two figures, from read sets only (never the blind ones):
- every danger message of the development sets dev_a..dev_h, sent as the answer to each question the
  sign-up or the triage can ask: how many would no longer be answered as danger (the cost);
- every answer written for those questions in the read conversation suites (conversations_dev*): how
  many are answered as danger without the question, and with it (the gain).

    python -m bench.safety_context [--show]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

import yaml

from bot.safety import context
from bot.safety import model as safety

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "bench" / "eval"
QUESTIONS = ("offer", "confirm", "custody", "offender_ref", "offender_name", "offender_dob", "offender_country",
             "state", "facility", "federal_district", "contact_channel", "contact_address", "quiet_hours",
             "verification_code")
# The conversation suites' answer keys, as the question the assistant has open when it reads them.
AS_QUESTION = {"sign_up": "offer"}


def _danger_messages() -> List[str]:
    texts = []
    for path in sorted(EVAL.glob("dev_*/danger_*.yml")):
        texts += [str(m["text"]) for m in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]]
    return texts


def _answers() -> List[tuple]:
    rows = []
    for path in sorted(EVAL.glob("conversations_dev*/conversations_*.yml")):
        for conversation in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
            for key, text in (conversation.get("answers") or {}).items():
                question = AS_QUESTION.get(key, key)
                if text and question in QUESTIONS:
                    rows.append((question, str(text)))
    return rows


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the messages read differently")
    args = parser.parse_args(argv)
    model = safety.model()
    danger = [text for text in _danger_messages() if model.assess(text).danger]
    print(f"Danger messages of the read development sets answered as danger alone: {len(danger)}")
    print("| open question | no longer danger |\n|---|---|")
    for question in QUESTIONS:
        lost = [text for text in danger if not model.assess(text, question).danger]
        print(f"| {question} | {len(lost)} |")
        if args.show:
            for text in lost:
                print(f"    {text[:140]}")
    answers = _answers()
    alone = [(q, t) for q, t in answers if model.assess(t).danger]
    within = [(q, t) for q, t in answers if model.assess(t, q).danger]
    print(f"\nAnswers in the read conversation suites: {len(answers)}; answered as danger read alone: "
          f"{len(alone)} ({len(alone) / max(1, len(answers)):.1%}); with the open question: {len(within)} "
          f"({len(within) / max(1, len(answers)):.1%})")
    if args.show:
        for question, text in within:
            print(f"    [{question}] {text[:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
