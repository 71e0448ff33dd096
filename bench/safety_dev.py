"""The danger assessment alone on a development set's danger and distress messages (a benchmark).

For tuning the safety layer without the running assistant: the classifier trained on all of
data/safety/ (as the assistant uses it), the patterns applied as the assistant applies them, and
a sweep of the whole-message threshold. It reads a development set, never the blind one
(bench/eval/blind/ measures the assistant once, with bench/understanding.py).

    python -m bench.safety_dev [--set bench/eval/dev_a] [--window 0.5] [--show]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

import yaml

from bot.safety import model as safety

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def _messages(folder: Path, name: str) -> list:
    path = folder / name
    if not path.exists():
        return []
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("messages") or []


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=str(ROOT / "bench" / "eval" / "dev_a"))
    parser.add_argument("--window", type=float, default=safety.WINDOW_THRESHOLD)
    parser.add_argument("--show", action="store_true", help="print the misses at the configured threshold")
    args = parser.parse_args(argv)
    folder = Path(args.set)
    if folder.resolve() == (ROOT / "bench" / "eval" / "blind").resolve():
        print("refusing to tune on the blind set; use bench/understanding.py to measure it")
        return 2
    pipeline = safety.load_or_train().pipeline
    for lang in ("en", "es"):
        danger = _messages(folder, f"danger_{lang}.yml")
        distress = _messages(folder, f"distress_{lang}.yml")
        if not danger and not distress:
            continue
        print(f"\n{lang}: {len(danger)} danger, {len(distress)} distress ({folder.name})")
        print("| threshold | danger recall | false alarms (distress) |")
        print("|---|---|---|")
        for t in THRESHOLDS:
            model = safety.DangerModel(pipeline, threshold=t, window_threshold=max(t, args.window))
            hits = sum(model.assess(m["text"]).danger for m in danger)
            alarms = sum(model.assess(m["text"]).danger for m in distress)
            mark = " (configured)" if abs(t - safety.THRESHOLD) < 1e-9 else ""
            print(f"| {t:.2f}{mark} | {hits}/{len(danger)} | {alarms}/{len(distress)} = "
                  f"{alarms / max(1, len(distress)):.1%} |")
        model = safety.DangerModel(pipeline, window_threshold=args.window)
        by_pattern = sum(model.assess(m["text"]).by_pattern for m in distress)
        print(f"false alarms decided by a pattern at the configured threshold: {by_pattern}")
        if args.show:
            for m in danger:
                a = model.assess(m["text"])
                if not a.danger:
                    print(f"  MISS {m['id']} score={a.score:.2f} {m['text'][:140]}")
            for m in distress:
                a = model.assess(m["text"])
                if a.danger:
                    print(f"  ALARM {m['id']} {a.kind} pattern={a.by_pattern} score={a.score:.2f} {m['text'][:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
