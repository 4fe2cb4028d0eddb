"""The labelled news set is well formed: what bench/eval_news.py scores can be trusted."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

DATA = Path(__file__).parent / "data" / "news_quantities.jsonl"
ROWS = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def test_size_and_domains() -> None:
    assert len(ROWS) >= 400
    domains = Counter(r["domain"] for r in ROWS)
    assert set(domains) == {"finance", "technology", "sport", "weather", "health", "defence"}
    assert min(domains.values()) >= 60
    assert len({r["id"] for r in ROWS}) == len(ROWS)


def test_labels_are_consistent_with_their_sentence() -> None:
    for r in ROWS:
        date.fromisoformat(r["anchor"])
        for q in r["quantities"]:
            assert q["text"] in r["sentence"], r["id"]
            assert q["low"] <= q["high"], r["id"]
            assert q["change"] in (None, "up", "down"), r["id"]
            assert not (q["unit"] and q["item"]), r["id"]
        for t in r.get("times", []):
            assert t["text"] in r["sentence"], r["id"]
            assert date.fromisoformat(t["first"]) <= date.fromisoformat(t["last"]), r["id"]
