"""Bad input: every item gets one clear line, and nothing else in the batch is lost."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import SEEDS

from corroborator import Settings, Status, ingest
from corroborator.models import IngestReport
from corroborator.store import SQLiteStore

GOOD = str(SEEDS / "001_90b4392d05c0be90.txt")


def _ingest_with_good(store: SQLiteStore, settings: Settings, bad: Path | str) -> IngestReport:
    """Ingest a bad item between two good ones and check both good ones survived."""
    report = ingest(store, [GOOD, str(bad), str(SEEDS / "004_0b86b8ad89865fc3.txt")], settings)
    assert [r.status for r in report.results][::2] == [Status.STORED, Status.STORED]
    assert store.count_articles() == 2
    return report


def _message(report: IngestReport) -> str:
    bad = report.results[1]
    assert bad.status is Status.FAILED
    return bad.message or ""


def test_binary_file(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))

    assert "binary content (a PNG image)" in _message(_ingest_with_good(store, settings, image))


def test_binary_without_known_signature(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"abc\x00\x01\x02" * 100)

    assert "binary content" in _message(_ingest_with_good(store, settings, blob))


def test_undecodable_bytes(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    noise = tmp_path / "noise.txt"
    rng = random.Random(1)
    noise.write_bytes(bytes(rng.randrange(128, 256) for _ in range(400)))

    assert "undecodable bytes" in _message(_ingest_with_good(store, settings, noise))


def test_legacy_encoding_is_detected_not_refused(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("The café on the Boulevard Saint-Germain reopened on Tuesday.".encode("cp1252"))

    ingest(store, [str(latin)], settings)

    assert "café" in store.list_articles()[0].text


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n", "\ufeff\n".encode()])
def test_empty_documents(store: SQLiteStore, settings: Settings, tmp_path: Path, content: bytes) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)

    assert "empty article" in _message(_ingest_with_good(store, settings, empty))


def test_file_over_the_size_limit(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 3000)

    report = _ingest_with_good(store, settings.with_overrides(max_bytes=10_000), huge)

    assert "over the 10,000-byte limit" in _message(report)


def test_broken_html_still_yields_its_text(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<html><body><div><p>The harbour bridge reopened on Sunday after two weeks of repairs, the port"
        " authority said. <b>Traffic <i>was light.<p>Engineers replaced the cables</div></span></table>"
    )

    ingest(store, [str(broken)], settings)

    assert "The harbour bridge reopened on Sunday" in store.list_articles()[0].text


def test_html_without_any_text(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    shell = tmp_path / "shell.html"
    shell.write_text("<html><head><script>boot()</script></head><body><div id=app></div></body></html>")

    assert "no article text found in the HTML" in _message(_ingest_with_good(store, settings, shell))


def test_missing_file(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    assert "no such file or directory" in _message(_ingest_with_good(store, settings, tmp_path / "nope.txt"))


def test_broken_json_lines_fail_alone(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"text": "The first article is fine and has words."}),
                '{"text": "cut off in the mid',
                json.dumps({"title": "no text here"}),
                json.dumps(["not", "an", "object"]),
                json.dumps({"text": "The last article is fine too."}),
            ]
        )
    )

    report = ingest(store, [str(path)], settings)

    assert [r.status for r in report.results] == [
        Status.STORED,
        Status.FAILED,
        Status.FAILED,
        Status.FAILED,
        Status.STORED,
    ]
    assert "invalid JSON" in (report.results[1].message or "")
    assert "needs a non-empty 'text' or 'maintext'" in (report.results[2].message or "")
    assert "expected a JSON object, got list" in (report.results[3].message or "")
    assert report.results[4].source.endswith(":5")


def test_feed_file_that_is_not_a_feed(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    fake = tmp_path / "fake.rss"
    fake.write_text("this is not xml at all")

    assert "not a valid RSS/Atom feed" in _message(_ingest_with_good(store, settings, fake))


def test_failed_items_leave_the_database_consistent(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    ingest(store, [GOOD, str(tmp_path / "missing.txt")], settings)

    rows = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
    assert rows == "ok"
    assert store.count_articles() == 1


def test_interrupted_ingest_leaves_no_half_written_chunk(store: SQLiteStore, settings: Settings) -> None:
    """A crash mid-chunk rolls the whole chunk back; re-running then stores everything once."""
    calls = 0

    def crash_on_second(_: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt

    small_chunks = settings.with_overrides(batch_size=2)
    with pytest.raises(KeyboardInterrupt):
        ingest(store, [str(SEEDS)], small_chunks, on_result=crash_on_second)
    assert store.count_articles() == 2  # the first chunk was committed before results were reported

    rerun = ingest(store, [str(SEEDS)], small_chunks)
    assert [r.status for r in rerun.results] == [Status.DUPLICATE, Status.DUPLICATE, Status.STORED]


def test_json_lines_limit_applies_per_line_not_per_file(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "big.jsonl"
    lines = [json.dumps({"text": f"Report number {n} says the river rose overnight."}) for n in range(40)]
    lines[5] = json.dumps({"text": "huge " * 500})
    path.write_text("\n".join(lines) + "\n")

    report = ingest(store, [str(path)], settings.with_overrides(max_bytes=1_000))

    assert path.stat().st_size > 1_000
    assert report.count(Status.STORED) == 39
    assert report.results[5].message == "line is over the 1,000-byte limit (--max-bytes)"
