"""Import a feed file of events (CSV or JSON lines) with the intake's validation and matching.

    python -m bot.events.importer FEED.csv|FEED.jsonl --source county-jail

CSV columns: id, program, type, occurred_at, offender_id, offender_name, offender_dob, text,
facility, court, date (empty cells are left out). JSON lines: one event object per line, as for
POST /v1/events. Every line is checked against the same schema; a summary says how many were
accepted, duplicates (already received) and rejected (with the line number and the field, never the
value). The file's lines are trusted as coming from the named source: run it only on files you got
from that source.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

from tqdm import tqdm

from bot.events.schema import problem

_OFFENDER = {"offender_id": "id", "offender_name": "name", "offender_dob": "dob"}
_DETAILS = ("facility", "court", "date")


@dataclass
class Summary:
    accepted: int = 0
    duplicate: int = 0
    rejected: List[Tuple[int, str]] = field(default_factory=list)
    matched: int = 0

    def lines(self) -> List[str]:
        out = [f"accepted {self.accepted}, duplicate {self.duplicate}, rejected {len(self.rejected)}, "
               f"deliveries queued {self.matched}"]
        out += [f"  line {number}: {reason}" for number, reason in self.rejected]
        return out


def _from_csv_row(row: Dict[str, str], source: str) -> Dict[str, Any]:
    event: Dict[str, Any] = {"source": source}
    offender: Dict[str, str] = {}
    details: Dict[str, str] = {}
    for key, value in row.items():
        value = (value or "").strip()
        if not value or key is None:
            continue
        if key in _OFFENDER:
            offender[_OFFENDER[key]] = value
        elif key in _DETAILS:
            details[key] = value
        else:
            event[key] = value
    event["offender"] = offender
    if details:
        event["details"] = details
    return event


def read_events(path: Path, source: str) -> Iterator[Tuple[int, Optional[Dict[str, Any]], Optional[str]]]:
    """(line number, event or None, why it could not be read)."""
    if path.suffix.lower() == ".csv":
        with open(path, newline="", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):  # line 1 is the header
                yield number, _from_csv_row(row, source), None
        return
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except ValueError:
                yield number, None, "not valid JSON"
                continue
            if isinstance(event, dict):
                event.setdefault("source", source)
            yield number, event, None


async def import_file(path: Path, source: str, store: Any, progress: bool = True) -> Summary:
    summary = Summary()
    rows = list(read_events(path, source))
    for number, event, unreadable in tqdm(rows, desc="events", unit="line", disable=not progress):
        reason = unreadable or problem(event)
        if not reason and event["source"] != source:
            reason = "source: does not match --source"
        if reason:
            summary.rejected.append((number, reason))
            continue
        result = await store.record_event(event, f"import:{uuid.uuid4().hex}")
        if result.duplicate:
            summary.duplicate += 1
        else:
            summary.accepted += 1
            summary.matched += result.matched
    return summary


async def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Import a CSV or JSON-lines feed of custody and case events.")
    parser.add_argument("file", type=Path)
    parser.add_argument("--source", required=True, help="the source the file comes from (e.g. county-jail)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2
    from bot.settings import settings
    from bot.store import Store

    store = Store.from_url(settings().database_url, var_dir=settings().var_dir)
    await store.init()
    try:
        summary = await import_file(args.file, args.source, store, progress=not args.quiet)
    finally:
        await store.close()
    print("\n".join(summary.lines()))
    return 0 if not summary.rejected else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
