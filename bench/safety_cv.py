"""Cross-validation of the danger classifier on its own training data (a benchmark, not a test).

The blind sets (bench/eval/blind/) measure the assistant; this measures the choices inside the
safety layer without touching them: 5 folds over data/safety/ + the other training examples, each
fold's model trained on the other four, the patterns applied as the assistant applies them. It
prints, per threshold (whole message; a sentence alone needs --window), danger recall and false alarms on the hard negatives (data/safety/
`not_danger`) and on everything else, and which patterns fire on hard negatives.

    python -m bench.safety_cv [--folds 5]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from typing import List, Optional

from bot.nlu.text import normalize
from bot.safety import model as safety

THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def hard_negatives() -> set:
    rows = set()
    for path in sorted(safety.SAFETY_DATA.glob("*.yml")):
        rows |= {normalize(str(t)) for t in safety._yaml(path).get("not_danger") or ()}
    return rows


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--window", type=float, default=safety.WINDOW_THRESHOLD,
                        help="threshold for a single sentence of a longer message")
    args = parser.parse_args(argv)
    from sklearn.model_selection import StratifiedKFold

    rows = safety.training_examples()
    hard = hard_negatives()
    labels = [label for _, label in rows]
    print(f"{len(rows)} examples: {dict(Counter(labels))}")
    # Per example: (label, pattern kind, best danger mass over windows)
    scored = [None] * len(rows)
    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=7)
    for train_index, test_index in folds.split(rows, labels):
        pipeline = safety.train([rows[i] for i in train_index])
        model = safety.DangerModel(pipeline)
        for i in test_index:
            text, label = rows[i]
            parts = safety.windows(text)
            masses = [1.0 - p.get(safety.NONE, 0.0) for p in model.probabilities(parts)]
            scored[i] = (label, safety.pattern_kind(parts[0]), masses[0], text, max(masses[1:], default=0.0))

    danger = [s for s in scored if s[0] != safety.NONE]
    negatives_hard = [s for s in scored if s[0] == safety.NONE and normalize(s[3]) in hard]
    negatives_other = [s for s in scored if s[0] == safety.NONE and normalize(s[3]) not in hard]
    print(f"\n| threshold | danger recall (n={len(danger)}) | model alone | false alarms, hard negatives "
          f"(n={len(negatives_hard)}) | false alarms, other (n={len(negatives_other)}) |")
    print("|---|---|---|---|---|")
    for t in THRESHOLDS:
        def flagged(s):
            return s[1] is not None or s[2] >= t or s[4] >= max(t, args.window)
        recall = sum(flagged(s) for s in danger) / len(danger)
        model_only = sum(s[2] >= t for s in danger) / len(danger)
        fa_hard = sum(flagged(s) for s in negatives_hard) / max(1, len(negatives_hard))
        fa_other = sum(flagged(s) for s in negatives_other) / max(1, len(negatives_other))
        print(f"| {t:.2f} | {recall:.1%} | {model_only:.1%} | {fa_hard:.1%} | {fa_other:.1%} |")
    patterns_alone = sum(s[1] is not None for s in danger) / len(danger)
    print(f"\nPatterns alone: recall {patterns_alone:.1%}, false alarms on hard negatives "
          f"{sum(s[1] is not None for s in negatives_hard) / max(1, len(negatives_hard)):.1%}")
    firing = defaultdict(int)
    for s in negatives_hard + negatives_other:
        norm = normalize(s[3])
        for kind, compiled in safety.patterns().items():
            for p in compiled:
                if safety._matches(p, norm):
                    firing[(kind, p.pattern)] += 1
    if firing:
        print("\nPatterns that fire on negatives (count, kind, pattern):")
        for (kind, pattern), count in sorted(firing.items(), key=lambda kv: -kv[1]):
            print(f"  {count:3d}  {kind:18s} {pattern}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
