"""Routing evaluation and turn latency (a benchmark, not a test): `make bench`.

Plays every conversation of the held-out evaluation set (bench/eval/test_{en,es}.yml, written apart
from the training data and never used to train) against the running assistant over the REST
channel, then reads the slots `program`, `state` and `language` through the HTTP API and compares
them with the labels. Every turn marked as immediate danger must be answered with 911 guidance.

Latency: the wall time of each sequential REST turn. In the same run the same messages are sent to
Rasa's starter bot (`rasa init`, the "moodbot", trained once and cached in bench/.moodbot/), as a
reference for what a trivial Rasa bot costs on this machine. Both servers store their trackers in
SQLite, as the assistant does by default.

    python -m bench.routing [--set test|dev] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml
from cryptography.fernet import Fernet

from bot.launcher import ROOT, Server, start_assistant, start_rasa

EVAL_DIR = ROOT / "bench" / "eval"
MOODBOT_DIR = ROOT / "bench" / ".moodbot"


def percentile(values: List[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def load(set_name: str, lang: str) -> List[Dict[str, Any]]:
    return yaml.safe_load((EVAL_DIR / f"{set_name}_{lang}.yml").read_text(encoding="utf-8"))["conversations"]


def moodbot_model() -> Path:
    """The starter bot of `rasa init`, trained once and kept in bench/.moodbot/."""
    models = sorted((MOODBOT_DIR / "models").glob("*.tar.gz")) if MOODBOT_DIR.exists() else []
    if not models:
        print("Training the moodbot reference (rasa init, about 2 minutes, once)...", flush=True)
        MOODBOT_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(Path(sys.executable).parent / "rasa"), "init", "--no-prompt", "--init-dir",
                        str(MOODBOT_DIR)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       cwd=tempfile.gettempdir())
        models = sorted((MOODBOT_DIR / "models").glob("*.tar.gz"))
    return models[-1]


def timed_turn(server: Server, sender: str, text: str) -> tuple[float, List[Dict[str, Any]]]:
    started = time.perf_counter()
    replies = server.say(sender, text)
    return (time.perf_counter() - started) * 1000, replies


def evaluate(server: Server, conversations: List[Dict[str, Any]], lang: str) -> Dict[str, Any]:
    hits = {"program": 0, "program_and_second": 0, "state": 0, "language": 0}
    crisis_total = crisis_answered = 0
    latencies: List[float] = []
    failures = []
    for conversation in conversations:
        sender = f"bench-{lang}-{uuid.uuid4().hex[:10]}"
        danger = set(conversation.get("crisis_turns") or [])
        missed_danger = []
        for index, turn in enumerate(conversation["turns"]):
            elapsed, replies = timed_turn(server, sender, turn)
            latencies.append(elapsed)
            if index in danger:
                crisis_total += 1
                # 911 guidance must come first, before anything else
                answered = bool(replies) and "911" in (replies[0].get("text") or "")
                crisis_answered += answered
                if not answered:
                    missed_danger.append(turn)
        slots = server.tracker(sender)["slots"]
        expect = conversation["expect"]
        got = {
            "program": slots.get("program"),
            "also_program": slots.get("also_program"),
            "state": slots.get("state"),
            # the language the bot answers in: the slot, English while it is unset
            "language": slots.get("language") or "en",
        }
        ok = {
            "program": got["program"] == expect["program"],
            "program_and_second": got["program"] == expect["program"]
            and got["also_program"] == expect.get("also_program"),
            "state": got["state"] == expect["state"],
            "language": got["language"] == expect["language"],
        }
        for key, value in ok.items():
            hits[key] += value
        if not all(ok.values()) or missed_danger:
            failures.append({"id": conversation["id"], "turns": conversation["turns"], "expected": expect, "got": got,
                             "danger_not_answered_with_911": missed_danger})
    total = len(conversations)
    return {
        "conversations": total,
        "messages": len(latencies),
        "accuracy": {key: value / total for key, value in hits.items()},
        "crisis": (crisis_answered, crisis_total),
        "latencies": latencies,
        "failures": failures,
    }


def replay(server: Server, conversations: List[Dict[str, Any]]) -> List[float]:
    latencies = []
    for conversation in conversations:
        sender = f"ref-{uuid.uuid4().hex[:10]}"
        for turn in conversation["turns"]:
            latencies.append(timed_turn(server, sender, turn)[0])
    return latencies


def warm_up(server: Server) -> None:
    for text in ("hello", "hola", "my ex is in county jail in texas", "yes", "cancel"):
        server.say(f"warmup-{uuid.uuid4().hex[:6]}", text)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Routing accuracy and turn latency, with the moodbot as reference.")
    parser.add_argument("--set", default="test", choices=["test", "dev", "holdout", "stress"], help="evaluation set (default: test)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"), help="where to write the details")
    args = parser.parse_args(argv)

    sets = {lang: load(args.set, lang) for lang in ("en", "es")}
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    secret = uuid.uuid4().hex + uuid.uuid4().hex
    sqlite_endpoints = work / "moodbot-endpoints.yml"
    sqlite_endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {work / 'moodbot-tracker.db'}\n")

    print("Starting the assistant and the moodbot reference...", flush=True)
    model = moodbot_model()
    assistant = start_assistant(work / "assistant", Fernet.generate_key().decode(), secret, dev_mode=False)
    moodbot = start_rasa(model, work / "moodbot", secret, endpoints=sqlite_endpoints)
    try:
        warm_up(assistant)
        warm_up(moodbot)
        results = {lang: evaluate(assistant, convs, lang) for lang, convs in sets.items()}
        reference = replay(moodbot, sets["en"] + sets["es"])
    finally:
        assistant.stop()
        moodbot.stop()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"routing-{args.set}-failures.json").write_text(
        json.dumps({lang: r["failures"] for lang, r in results.items()}, indent=2, ensure_ascii=False)
    )

    ref_p50, ref_p95 = percentile(reference, 50), percentile(reference, 95)
    print(f"\nRouting evaluation, set '{args.set}' (bench/eval/{args.set}_*.yml)\n")
    header = "| language | conversations | messages | program | program + 2nd | state | language | crisis → 911 | turn p50 | turn p95 |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    everything: List[float] = []
    for lang, r in results.items():
        a = r["accuracy"]
        everything += r["latencies"]
        print(
            f"| {lang} | {r['conversations']} | {r['messages']} | {a['program']:.1%} | {a['program_and_second']:.1%} | "
            f"{a['state']:.1%} | {a['language']:.1%} | {r['crisis'][0]}/{r['crisis'][1]} | "
            f"{percentile(r['latencies'], 50):.0f} ms | {percentile(r['latencies'], 95):.0f} ms |"
        )
    p50, p95 = percentile(everything, 50), percentile(everything, 95)
    print(f"| moodbot (reference) | {len(sets['en']) + len(sets['es'])} | {len(reference)} | | | | | | "
          f"{ref_p50:.0f} ms | {ref_p95:.0f} ms |")
    print(f"\nAll turns: p50 {p50:.1f} ms, p95 {p95:.1f} ms, mean {statistics.mean(everything):.1f} ms; "
          f"moodbot p50 {ref_p50:.1f} ms, p95 {ref_p95:.1f} ms.")
    print(f"Turn p50 / moodbot p50 = {p50 / ref_p50:.2f} (target ≤ 1.5)")
    print(f"Details of every miss: {out / f'routing-{args.set}-failures.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
