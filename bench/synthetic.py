"""A synthetic case written as the files an analyst imports (DOMAIN §5).

    write_case(folder, articles=1000, claims=100000)

writes ``sources.yaml`` (agencies with parents and groups, outlets), one ``.md``
article per document (front matter, some ``derived_from`` an earlier one) and
the claims in chunks (``claims-000.json`` ...; ``fmt="yaml"`` for YAML, ``"csv"`` for
CSV, one row per attribution). Every
claim's quote is a sentence of its article, so it anchors as a real one would;
each article also holds a few figure-bearing sentences no claim uses, so
suggestion has something to propose. Deterministic for a given seed.

The other bench generators (bench_scoring, bench_cite, bench_tui) write rows
straight into a database; this one exists because the end-to-end bench must go
through the importer, which reads files.
"""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

ITEMS = ["shipments", "containers", "artillery rounds", "rockets", "rail cars", "round trips"]
PLACES = ["Najin", "Vostochny", "Dunay", "Tikhoretsk", "Chongjin", "Kholmsk", "Rason"]
VERBS = ["said", "told lawmakers", "reported", "estimated"]
PERIODS = ["since August", "in November", "in October", "between Sept. 7 and Oct. 1", ""]
QUALIFIERS = ["about", "more than", "at least", "nearly", "as many as", ""]
HEDGES = ["", "likely ", "probably "]
FILLER = (
    "Satellite imagery of the port was reviewed by the newsroom. "
    "The ministry did not respond to a request for comment. "
)


@dataclass
class CaseSize:
    articles: int
    claims: int
    sources: int
    subjects: int
    files: int


def _agencies(n: int) -> list[dict]:
    governments = max(1, n // 10)
    rows: list[dict] = [
        {"name": f"Government {g}", "kind": "government", "reliability": "ABCDEF"[g % 6]}
        for g in range(governments)
    ]
    for i in range(n - governments):
        row = {
            "name": f"Agency {i}",
            "short": f"AG{i}",
            "aliases": [f"the agency number {i}"],
            "kind": "agency",
            "parent": f"Government {i % governments}",
            "reliability": "ABCDEF"[i % 6],
        }
        if i % 17 == 0:
            row["group"] = f"Coalition {i % 3}"
        rows.append(row)
    return rows


def write_case(
    folder: Path,
    articles: int = 1000,
    claims: int = 100_000,
    *,
    agencies: int = 200,
    outlets: int = 40,
    subjects: int = 2000,
    chunk: int = 5000,
    extra_sentences: int = 5,
    fmt: str = "json",
    seed: int = 7,
) -> CaseSize:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    sources = _agencies(agencies) + [
        {"name": f"Outlet {o}", "kind": "outlet", "reliability": "ABCDEF"[o % 6]}
        for o in range(outlets)
    ]
    (folder / "sources.yaml").write_text(
        yaml.safe_dump(sources, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    speakers = [s["name"] for s in sources if s["kind"] == "agency"]

    per_article = [
        claims // articles + (1 if a < claims % articles else 0) for a in range(articles)
    ]
    start = date(2023, 1, 1)
    claim_rows: list[dict] = []
    for a in range(articles):
        doc_id = f"doc-{a:05d}"
        published = start + timedelta(days=a % 365)
        sentences: list[str] = []
        for k in range(per_article[a]):
            speaker = rng.choice(speakers)
            subject = rng.randrange(subjects)
            item = ITEMS[subject % len(ITEMS)]
            figure = f"{rng.choice(QUALIFIERS)} {rng.randint(2, 5000):,} {item}".strip()
            period = rng.choice(PERIODS)
            place = rng.choice(PLACES)
            hedge = rng.choice(HEDGES)
            # The article and claim numbers keep every quote unique within its article.
            sentence = (
                f"{speaker} {rng.choice(VERBS)} that {hedge}{figure} left {place} {period}"
                f" (item {a}-{k})."
            ).replace("  ", " ")
            sentences.append(sentence)
            row: dict = {
                "id": f"c{a:05d}-{k:03d}",
                "subject": f"{ITEMS[subject % len(ITEMS)].capitalize()} via route {subject}",
                "text": f"{figure} {period}".strip(),
                "stance": "denies" if rng.random() < 0.03 else "asserts",
                "quantity": figure,
                "attributions": [{"source": speaker, "document": doc_id, "quote": sentence}],
            }
            if subject % 5 == 0:
                row["cumulative"] = True
            if period:
                row["period"] = period
            if hedge:
                row["hedge"] = hedge.strip()
            claim_rows.append(row)
        for e in range(extra_sentences):
            sentences.append(
                f"{rng.choice(speakers)} said {rng.randint(2, 900)} {rng.choice(ITEMS)} "
                f"reached {rng.choice(PLACES)} in {rng.choice(['July', 'May', 'March'])} "
                f"(note {a}-{e})."
            )
        rng.shuffle(sentences)
        front = {
            "id": doc_id,
            "title": f"Report {a} on shipments through {rng.choice(PLACES)}",
            "outlet": f"Outlet {a % outlets}",
            "url": f"https://example.org/{a}",
            "published": published.isoformat(),
            "authors": [f"Writer {a % 50}"],
        }
        if a >= 10 and a % 10 == 0:
            front["derived_from"] = [f"doc-{a - rng.randint(1, 10):05d}"]
        paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
        body = FILLER + "\n\n" + "\n\n".join(paragraphs) + "\n"
        head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
        (folder / f"{doc_id}.md").write_text(f"---\n{head}---\n{body}", encoding="utf-8")

    files = 0
    for index in range(0, len(claim_rows), chunk):
        part = claim_rows[index : index + chunk]
        name = f"claims-{index // chunk:03d}.{fmt}"
        if fmt == "json":
            content = json.dumps(part, ensure_ascii=False, indent=1)
        elif fmt == "csv":
            content = _csv(part)
        else:
            content = yaml.safe_dump(part, sort_keys=False, allow_unicode=True)
        (folder / name).write_text(content, encoding="utf-8")
        files += 1
    used_subjects = len({r["subject"] for r in claim_rows})
    return CaseSize(articles, len(claim_rows), len(sources), used_subjects, files)


CSV_COLUMNS = ["id", "subject", "text", "stance", "quantity", "period", "hedge", "cumulative"]


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, "source", "document", "quote"])
    for row in rows:
        for a in row["attributions"]:
            claim = [str(row.get(key, "")) for key in CSV_COLUMNS]
            writer.writerow([*claim, a["source"], a["document"], a["quote"]])
    return out.getvalue()
