"""Issue 21 as a newcomer met it in a terminal: the real CLI, run as a subprocess, on
the bundled Najin case (imported once for the module)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CASE = Path(__file__).resolve().parent.parent / "imports" / "najin-2023"


def tracker(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "TRACKER_DB": ""}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def najin(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("newcomer") / "najin.sqlite")
    result = tracker("--db", db, "import", str(CASE))
    assert result.returncode == 0, result.stderr
    return db


def test_an_unknown_subject_name_gets_the_closest_names_on_one_line(najin: str) -> None:
    result = tracker("--db", najin, "score", "--subject", "artillery rounds")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    # The case's subject for the NIS figure, as claims.yaml names it.
    assert lines[0].startswith(
        "tracker: no subject named 'artillery rounds'; "
        "closest: 'Artillery rounds shipped, DPRK to Russia (count)'"
    )
    listed = tracker("--db", najin, "claims", "--subject", "port activity")
    assert listed.returncode == 1
    assert "closest: 'Najin port activity picking up (start date)'" in listed.stderr


def test_an_exact_subject_name_still_scores(najin: str) -> None:
    subject = "Artillery rounds shipped, DPRK to Russia (count)"
    result = tracker("--db", najin, "score", "--json", "--subject", subject)
    assert result.returncode == 0, result.stderr
    assert "nis-rounds-over-1-million" in result.stdout


def test_normalize_without_anchor_resolves_against_today_and_says_so() -> None:
    from datetime import date

    today = date.today()
    spoken = f"{today.day} {today.strftime('%b')} {today.year}"  # "2 Dec 2026"
    result = tracker("normalize", "since March 2020", columns=80)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"tracker: no --anchor given: dates resolved against today, {spoken}\n"
    lines = result.stdout.splitlines()
    assert lines[0] == f"anchored at {spoken}"
    header = next(line for line in lines if "first" in line and "last" in line)
    row = next(line for line in lines if "since March 2020" in line)
    # Whole dates on one row at 80 columns, and a month is a precision, not a unit.
    assert "1 Mar 2020" in row and spoken in row and "month" in row
    assert "precision" in header and "unit" not in header

    as_json = tracker("normalize", "since March 2020", "--json")
    assert json.loads(as_json.stdout)["anchor"] == today.isoformat()
    assert json.loads(as_json.stdout)["times"][0]["first"] == "2020-03-01"


def test_a_figure_in_the_query_weighs_and_a_joint_quote_is_printed_once(najin: str) -> None:
    result = tracker("--db", najin, "cite", "1,000,000 shells", columns=200)
    assert result.returncode == 0, result.stderr
    ranked = re.findall(r"^\d+\. (\S+)  \(score (\d+),", result.stdout, re.M)
    order = [claim for claim, _ in ranked]
    score = {claim: int(value) for claim, value in ranked}
    # The NIS's "more than 1 million artillery rounds" first; then the claim that
    # says "an extra one million shells"; then other counts of shells (half a
    # million, hundreds of thousands); the round trips and the munition types,
    # which share only the word for what is counted, after all of those.
    assert order[:2] == ["nis-rounds-over-1-million", "extra-million-shells-2700-rounds-per-day"]
    shells = {"oliemans-another-half-million", "us-rok-hundreds-of-thousands-shells"}
    assert set(order[2:4]) == shells
    top = score["nis-rounds-over-1-million"]
    for unrelated in ("rusi-round-trips-at-least-5", "wapo-two-munition-types-russia-needs"):
        if unrelated in score:
            assert order.index(unrelated) > 3
            assert score[unrelated] * 2 <= top
    # The US and South Korea said it together in one Bloomberg sentence: one line.
    joint = [line for line in result.stdout.splitlines() if "[bloomberg-2023-12]" in line]
    flow = [line for line in joint if "The flow of munitions" in line]
    assert len(flow) == 1
    assert "United States government, Republic of Korea: “The flow of munitions" in flow[0]
    # Dates as people read them, not ISO intervals.
    assert "   - 9 Dec 2023 – 27 Dec 2023 Bloomberg [bloomberg-2023-12]" in result.stdout


def in_terminal(*args: str, columns: int = 80) -> str:
    """The CLI's output in a real (pseudo-)terminal ``columns`` wide, escapes removed."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {**os.environ, "TERM": "dumb", "TRACKER_DB": ""}
    env.pop("COLUMNS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert process.wait(timeout=300) == 0
    os.close(master)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


BOX = re.compile(r"[\u2500-\u257f]")


# Per listing: where its records are in --json, the fields that are ids, the fields of words.
SHOWN_FIELDS = {
    "claims": (None, ["id"], ["subject", "text"]),
    "documents": (None, ["id", "derived_from"], ["title", "outlet"]),
    "score": ("claims", ["id"], ["origins"]),
    "suggest": (None, ["id", "document"], ["subject"]),
    "sources": (None, [], ["name", "parent"]),
}


@pytest.mark.parametrize("command", list(SHOWN_FIELDS))
def test_tables_at_80_columns_never_split_an_id_or_a_word(najin: str, command: str) -> None:
    shown = in_terminal("--db", najin, command)
    assert all(len(line.rstrip()) <= 80 for line in shown.splitlines())
    tokens = set(re.split(r"[\s│┃|,]+", shown))
    key, ids, texts = SHOWN_FIELDS[command]
    listed = json.loads(tracker("--db", najin, command, "--json").stdout)
    records = listed[key] if key else listed
    for record in records:
        for field in ids:
            values = record[field] if isinstance(record[field], list) else [record[field]]
            for value in values:
                assert value in tokens, (field, value)  # whole, on one line
        for field in texts:
            values = record[field] if isinstance(record[field], list) else [record[field]]
            for word in " ".join(v for v in values if v).split():
                assert word.strip(",") in tokens or word in shown, (field, word)


def test_suggest_shows_whole_subjects_at_80_columns(najin: str) -> None:
    shown = in_terminal("--db", najin, "suggest")
    # A proposed subject is a sentence's words, never squeezed to six characters.
    subjects = [
        line.split("\t")[5] for line in tracker("--db", najin, "suggest").stdout.splitlines()
    ]
    squeezed = " ".join(shown.split())
    for subject in subjects[1:6]:
        assert " ".join(subject.split()) in squeezed, subject


@pytest.mark.parametrize("command", ["claims", "documents", "score", "suggest", "sources"])
def test_piped_tables_are_plain_lines_one_record_each(najin: str, command: str) -> None:
    out = tracker("--db", najin, command).stdout
    assert not BOX.search(out)
    lines = out.splitlines()
    header = lines[0].split("\t")
    assert all(len(line.split("\t")) == len(header) for line in lines)
    listed = json.loads(tracker("--db", najin, command, "--json").stdout)
    records = listed["claims"] if command == "score" else listed
    assert len(lines) == 1 + len(records)


def test_dates_on_screen_in_one_human_layout_and_iso_in_json(najin: str) -> None:
    rows = [line.split("\t") for line in tracker("--db", najin, "documents").stdout.splitlines()]
    published = {row[0]: row[2] for row in rows[1:]}
    # From the articles' front matter: the Post's "2023-10-16T05:30:00-04:00", Bloomberg's
    # interval "2023-12-09/2023-12-27", Euromaidan's "2023-12-09/2024-12-31".
    assert published["wapo-2023-10-16"] == "16 Oct 2023"
    assert published["bloomberg-2023-12"] == "9 Dec 2023 – 27 Dec 2023"
    assert published["euromaidan-ghost-ships"] == "9 Dec 2023 – 31 Dec 2024"
    one = tracker("--db", najin, "documents", "wapo-2023-10-16").stdout.splitlines()[0]
    assert one.endswith("(The Washington Post, 16 Oct 2023)")
    listed = json.loads(tracker("--db", najin, "documents", "--json").stdout)
    wapo = next(d for d in listed if d["id"] == "wapo-2023-10-16")
    assert wapo["published"] == "2023-10-16T05:30:00-04:00"
    assert wapo["published_first"].startswith("2023-10-16")
