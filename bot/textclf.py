"""Small text classifiers trained from the project's own data and kept in models/ (safety, relevance).

Character n-grams (typos, missing accents, SMS spelling) and word n-grams, one logistic regression
(scikit-learn, which Rasa already brings). Training takes seconds; the trained model is kept in
models/<name>.joblib with a hash of its data and retrained when the data change, so no step can
forget to train it and nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable, List, Tuple

from bot.nlu.text import normalize

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"

Rows = List[Tuple[str, str]]


def build_pipeline(C: float = 8.0, word_ngrams: Tuple[int, int] = (1, 2)):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion([
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
        ("words", TfidfVectorizer(analyzer="word", ngram_range=word_ngrams, min_df=1, sublinear_tf=True,
                                  token_pattern=r"(?u)\b\w+\b")),
    ])
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
    return Pipeline([("features", features), ("classifier", classifier)])


def fit(rows: Rows, **options):
    pipeline = build_pipeline(**options)
    pipeline.fit([normalize(t) for t, _ in rows], [label for _, label in rows])
    return pipeline


def digest(rows: Rows, *sources: Path) -> str:
    h = hashlib.sha256()
    for text, label in rows:
        h.update(f"{label}\t{text}\n".encode("utf-8"))
    for source in sources:
        h.update(source.read_bytes())
    return h.hexdigest()


def load_or_train(name: str, rows_fn: Callable[[], Rows], sources: Tuple[Path, ...], **options):
    """The pipeline in models/<name>.joblib if trained on the current data, else a newly trained one."""
    import joblib

    rows = rows_fn()
    wanted = digest(rows, *sources)
    path = MODELS / f"{name}.joblib"
    if path.exists():
        try:
            stored = joblib.load(path)
            if stored.get("hash") == wanted:
                return stored["pipeline"]
        except Exception:  # a truncated or foreign file: train again
            pass
    pipeline = fit(rows, **options)
    try:
        MODELS.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=MODELS, suffix=".tmp")
        os.close(handle)
        joblib.dump({"hash": wanted, "pipeline": pipeline}, tmp)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only checkout still works; it trains at each start
    return pipeline
