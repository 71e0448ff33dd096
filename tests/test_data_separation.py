"""Evaluation data stays apart from training data (issue 8): no message of an evaluation set, once
normalised, appears in the training data of the intent model, the danger classifier or the
relevance classifier."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.nlu import relevance
from bot.nlu.text import normalize
from bot.safety import model as safety

ROOT = Path(__file__).resolve().parents[1]


def evaluation_messages(folder: Path = ROOT / "bench" / "eval"):
    for path in sorted(folder.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("messages") or ():
            yield path.name, item["text"]
        for conversation in data.get("conversations") or ():
            # routing sets have turns; the conversation suite (bench/eval/conversations/) has an opening,
            # answers to the assistant's questions and asides
            for turn in conversation.get("turns") or conversation.get("opening") or ():
                yield path.name, turn
            for answer in (conversation.get("answers") or {}).values():
                yield path.name, str(answer)
            for aside in conversation.get("asides") or ():
                yield path.name, aside["text"]


def training_messages():
    rows = {normalize(t) for t, _ in safety.training_examples()}
    rows |= {normalize(t) for t, _ in relevance.training_examples()}
    return rows


def test_blind_sets_exist_and_are_large():
    counts = {}
    # The blind sets proper: the retired ones (bench/eval/dev_a/) do not count.
    for name, _ in evaluation_messages(ROOT / "bench" / "eval" / "blind"):
        counts[name] = counts.get(name, 0) + 1
    for lang in ("en", "es"):
        assert counts.get(f"danger_{lang}.yml", 0) >= 150
        assert counts.get(f"distress_{lang}.yml", 0) >= 100
        assert counts.get(f"offtopic_{lang}.yml", 0) >= 100
        assert counts.get(f"routing_{lang}.yml", 0) >= 100


def test_no_evaluation_message_is_in_training_data():
    training = training_messages()
    # Replies too short to be anyone's own words ("yes", "texas", "idk") are allowed to coincide.
    leaked = [(name, text) for name, text in evaluation_messages()
              if len(normalize(text).split()) >= 4 and normalize(text) in training]
    assert not leaked, f"{len(leaked)} evaluation messages are in the training data, e.g. {leaked[:3]}"
