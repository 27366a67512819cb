"""Convert the ECB+ corpus into one compact JSON Lines file for tests and evaluation.

Usage::

    python scripts/convert_ecbplus.py /work/shared/data/ecbplus tests/data/ecbplus.jsonl

The input directory is the ECB+ 1.0 release (Cybulska and Vossen, LREC 2014): ``ECB+/<topic>/``
holds token-level XML files ``<topic>_<n>ecb.xml`` and ``<topic>_<n>ecbplus.xml`` with stand-off
mention markables and ``CROSS_DOC_COREF`` / ``INTRA_DOC_COREF`` relations, and
``ECBplus_coreference_sentences.csv`` lists the sentences whose annotation is complete.

Each output line is one document::

    {"id": "1_10ecbplus", "topic": 1, "half": "ecbplus", "story": "1ecbplus",
     "title": "...", "text": "...", "sentences": [[start, end], ...],
     "annotated_sentences": [1, 3],
     "mentions": [{"start": 0, "end": 13, "text": "Lindsay Lohan", "type": "HUMAN_PART_PER",
                   "chain": "HUM15732980283919140", "head": "Lohan"}]}

Conversion rules:

* ``story`` is topic number + half (``"1ecb"``, ``"1ecbplus"``): each of the 86 subtopics
  describes one real-world event, so it is the gold story label.
* ``text`` is the detokenised document, one sentence per line (``sentences[i]`` holds the
  ``[start, end)`` character span of sentence number ``i``; sentence numbers are contiguous from 0).
  Tokens are joined with single spaces except around punctuation, clitics, brackets, currency
  signs and quotes (see :func:`spacing`); PTB quotes (two backticks, two apostrophes) become ``"``. The
  ``ecbplus`` half was tokenised with hyphens, ``/``, apostrophes and decimal points split
  off (``11 - year - old``, ``$2 . 6``, ``Gray ’ s``), so these are glued back there. Sentence 0 of
  every ``ecbplus`` document is the source URL; URL sentences are joined without spaces.
* ``title`` is the first sentence, or the next one when the first looks like a URL; dateline
  lines (``Posted 11/27/2005 7:21 AM``) after the URL are skipped as well.
* ``mentions`` keeps entity markables only (tags starting with ``HUMAN_``, ``NON_HUMAN_`` or
  ``LOC_``); ``start``/``end`` cover the first to the last anchored token, so the document's
  ``text[start:end]`` equals the mention's ``text``. The one mention whose tokens cross a sentence
  boundary is cut to its last sentence.
* ``chain``: the ``instance_id`` of the ``TAG_DESCRIPTOR`` targeted by the mention's
  ``CROSS_DOC_COREF`` relation; ``"<doc id>/<target m_id>"`` for ``INTRA_DOC_COREF``-only chains;
  ``"<doc id>/<m_id>"`` for singletons.
* ``head`` is a simple heuristic (see :func:`head_of`): the last anchored token, ignoring trailing
  punctuation and possessive markers, unless the mention contains ``of``, ``in`` or ``at`` after its
  first token, in which case the token just before the first such preposition; glued quotes and a
  possessive ``'s`` are stripped from it.
* ``annotated_sentences`` are the sentence numbers listed for the file in the CSV (``[]`` when the
  CSV lists none).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

ENTITY_PREFIXES = ("HUMAN_", "NON_HUMAN_", "LOC_")
HEAD_PREPOSITIONS = frozenset({"of", "in", "at"})
FILE_NAME_RE = re.compile(r"^(?P<topic>\d+)_(?P<number>\d+)(?P<half>ecb|ecbplus)\.xml$")
URL_RE = re.compile(r"^(?:https?:/|www\.)\S*$", re.IGNORECASE)
HALF_ORDER = {"ecb": 0, "ecbplus": 1}

# Tokens glued to the previous token.
NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "”", "...", "…", "'", "'\"", "'''"}
)
# Tokens glued to the next token.
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#", "``", "“", "‘"})
# Clitics split off by the tokenisers ("did n't", "family 's").
CLITICS = frozenset({"'s", "'m", "'re", "'ve", "'ll", "'d", "n't", "’s", "’m", "’re", "’ve", "’ll", "’d"})
# What follows a split-off apostrophe "’" when it is part of a word ("We ’ re", "wouldn ’ t").
APOSTROPHE_SUFFIXES = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
# Tokens after which a plain '"' closes a quotation.
QUOTE_CLOSERS = frozenset({",", ".", "!", "?", ";", "...", "…"})
QUOTE_CHARS = ('"', "“", "”")
PTB_QUOTES = frozenset({"``", "''"})
PUNCTUATION_RE = re.compile(r"^[^\w]*$")
DIGIT_GROUP_LEFT_RE = re.compile(r"^\$?\d{1,3}$")
DIGIT_GROUP_RIGHT_RE = re.compile(r"^\d{3}(?!\d)")
SINGLE_LETTER_RE = re.compile(r"^[^\W\d_]$")
HEAD_STRIP_CHARS = "\"'“”‘’`()[]{},;:"
POSSESSIVE_SUFFIXES = ("'s", "’s")
WORD_RE = re.compile(r"[^\W\d_]+")
# Words allowed in a dateline such as "Posted: Nov 27, 2005 8:20 AM ET Last Updated: ...".
DATELINE_WORD_RE = re.compile(
    r"(?:posted|updated|published|last|at|on|[ap]m?|m|gmt|utc|ist|bst|[ecmp][sd]?t"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
)
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


class MentionRecord(TypedDict):
    """One entity mention in the output."""

    start: int
    end: int
    text: str
    type: str
    chain: str
    head: str


class DocumentRecord(TypedDict):
    """One document (one JSON line) in the output."""

    id: str
    topic: int
    half: str
    story: str
    title: str
    text: str
    sentences: list[list[int]]
    annotated_sentences: list[int]
    mentions: list[MentionRecord]


@dataclass(frozen=True)
class Token:
    """A corpus token: its id, sentence number and whitespace-normalised raw form."""

    t_id: str
    sentence: int
    raw: str


@dataclass
class Stats:
    """Counters collected during conversion, reported in the summary."""

    notes: Counter[str] = field(default_factory=Counter)
    chains_docs: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


@dataclass(frozen=True)
class DocKey:
    """Sort key and identity of one corpus file."""

    topic: int
    half: str
    number: int
    path: Path

    @property
    def doc_id(self) -> str:
        """Document id, e.g. ``1_10ecbplus``."""
        return f"{self.topic}_{self.number}{self.half}"

    def sort_key(self) -> tuple[int, int, int]:
        """Topic number, then ``ecb`` before ``ecbplus``, then document number."""
        return (self.topic, HALF_ORDER[self.half], self.number)


def normalise_raw(text: str | None) -> str:
    """Collapse internal whitespace runs to one space and strip (a few tokens carry tabs)."""
    return " ".join((text or "").split())


def surface(raw: str) -> str:
    """Return a token's form in the output text: PTB quotes (also inside tokens) become ``"``."""
    return raw.replace("``", '"').replace("''", '"')


def looks_like_url(raws: Sequence[str]) -> bool:
    """Whether a tokenised sentence is a URL (``http : / / www . example . com / ...``)."""
    if not raws:
        return False
    first = raws[0].lower()
    return (first in {"http", "https"} and len(raws) > 1 and raws[1] == ":") or first.startswith("www")


def _quote_opens(raws: Sequence[str], i: int) -> bool:
    """Decide whether an ambiguous straight quote at position ``i`` opens (True) or closes."""
    if i == 0:
        return True
    if i == len(raws) - 1 or raws[i - 1] in QUOTE_CLOSERS:
        return False
    seen = sum(raw.count(q) for raw in raws[:i] for q in QUOTE_CHARS)
    seen += sum(raw.count(q) for raw in raws[:i] for q in PTB_QUOTES)
    return seen % 2 == 0


def _glued_to_both(raws: Sequence[str], i: int, split_hyphens: bool) -> bool:
    """Whether token ``i`` is glued to both neighbours (an infix such as ``/`` or a split hyphen)."""
    raw = raws[i]
    prev = raws[i - 1] if i > 0 else ""
    nxt = raws[i + 1] if i + 1 < len(raws) else ""
    before_prev = raws[i - 2] if i > 1 else ""
    if raw == "/":
        return True
    if raw == ":":
        return prev[-1:].isdigit() and nxt[:1].isdigit()  # clock times: "11 : 30"
    if raw == "’":
        return nxt.lower() in APOSTROPHE_SUFFIXES  # "We ’ re", "wouldn ’ t"
    if not split_hyphens or not prev or not nxt:
        return False
    if raw == "-":
        return True  # "11 - year - old"
    if raw == ".":
        # decimals ("$2 . 6") and abbreviations ("p . m .", "U . S .")
        return (prev[-1:].isdigit() and nxt[:1].isdigit()) or bool(
            SINGLE_LETTER_RE.match(prev) and SINGLE_LETTER_RE.match(nxt)
        )
    if raw == ",":
        # thousands separators ("$380 , 600"), not dates ("May 3 , 2013") or "6 - foot - 9 , 260"
        grouped = DIGIT_GROUP_LEFT_RE.match(prev) and DIGIT_GROUP_RIGHT_RE.match(nxt)
        return bool(grouped) and before_prev != "-"
    return False


def spacing(raws: Sequence[str], split_hyphens: bool) -> list[bool]:
    """Return, for each token, whether a space goes before it (always False for the first).

    ``split_hyphens`` says the tokeniser split hyphenated words, decimal points and thousands
    separators (the ``ecbplus`` half), so standalone ``-``, ``.`` and ``,`` between the parts are
    glued back. URL sentences are joined without any spaces.
    """
    n = len(raws)
    if looks_like_url(raws):
        return [False] * n
    no_before = [False] * n
    no_after = [False] * n
    for i, raw in enumerate(raws):
        if _glued_to_both(raws, i, split_hyphens):
            no_before[i] = no_after[i] = True
        elif raw == '"':
            if _quote_opens(raws, i):
                no_after[i] = True
            else:
                no_before[i] = True
        else:
            no_before[i] = raw in NO_SPACE_BEFORE or raw.lower() in CLITICS or raw == "’"
            no_after[i] = raw in NO_SPACE_AFTER
    return [i > 0 and not (no_before[i] or no_after[i - 1]) for i in range(n)]


def detokenise(
    sentences: Sequence[Sequence[Token]], split_hyphens: bool
) -> tuple[str, list[list[int]], dict[str, tuple[int, int]]]:
    """Join tokenised sentences into text, one sentence per line.

    Returns the text, each sentence's ``[start, end)`` span and each token's span (tokens that are
    empty after whitespace normalisation get a zero-width span and do not affect spacing).
    """
    parts: list[str] = []
    spans: list[list[int]] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    for s_index, tokens in enumerate(sentences):
        if s_index > 0:
            parts.append("\n")
            pos += 1
        start = pos
        visible = [tok for tok in tokens if tok.raw]
        spaces = spacing([tok.raw for tok in visible], split_hyphens)
        space_before = {tok.t_id: sp for tok, sp in zip(visible, spaces, strict=True)}
        for tok in tokens:
            if not tok.raw:
                offsets[tok.t_id] = (pos, pos)
                continue
            if space_before[tok.t_id]:
                parts.append(" ")
                pos += 1
            form = surface(tok.raw)
            offsets[tok.t_id] = (pos, pos + len(form))
            parts.append(form)
            pos += len(form)
        spans.append([start, pos])
    return "".join(parts), spans, offsets


def head_of(forms: Sequence[str]) -> str:
    """Guess the head word of a mention from its token forms.

    Heuristic: drop trailing punctuation and possessive markers (``'s``, ``’``); if ``of``, ``in``
    or ``at`` occurs after the first token, the head is the token just before the first one
    (``"mayor of London"`` -> ``mayor``), otherwise it is the last token (``"Tara Reid"`` ->
    ``Reid``). Quotes and brackets glued to that token and a possessive ``'s`` are stripped
    (``leader's`` -> ``leader``) unless nothing would be left.
    """
    words = list(forms)
    while len(words) > 1 and (PUNCTUATION_RE.match(words[-1]) or words[-1].lower() in POSSESSIVES):
        words.pop()
    if len(words) > 1 and words[-1].lower() == "s" and words[-2] == "’":
        words = words[:-2] or words
    head = words[-1]
    for i in range(1, len(words)):
        if words[i].lower() in HEAD_PREPOSITIONS:
            head = words[i - 1]
            break
    cleaned = head.strip(HEAD_STRIP_CHARS)
    if cleaned.lower().endswith(POSSESSIVE_SUFFIXES) and len(cleaned) > 2:
        cleaned = cleaned[:-2]
    return cleaned or head


def is_dateline(line: str) -> bool:
    """Whether a line only gives a date or time (``Posted 11/27/2005 7:21 AM``, ``APR 28``)."""
    words = WORD_RE.findall(line.lower())
    return any(ch.isdigit() for ch in line) and all(DATELINE_WORD_RE.fullmatch(word) for word in words)


def choose_title(sentences: Sequence[str], stats: Stats) -> str:
    """Pick the title: the first sentence, skipping a leading URL line and then dateline lines.

    Every ``ecbplus`` document starts with its source URL; some follow it with a dateline
    (``21 July 2013 Last updated at 11:11 GMT``) before the headline. Falls back to the first
    sentence when all of them would be skipped.
    """
    lines = [line.strip() for line in sentences]
    index = 1 if lines and URL_RE.match(lines[0]) else 0
    while index < len(lines) and is_dateline(lines[index]):
        stats.notes["dateline lines skipped when choosing the title"] += 1
        index += 1
    return lines[index] if index < len(lines) else lines[0]


def read_annotated_sentences(csv_path: Path) -> dict[tuple[int, str], list[int]]:
    """Map ``(topic, file stem)`` (e.g. ``(1, "10ecbplus")``) to its sorted annotated sentences."""
    table: defaultdict[tuple[int, str], set[int]] = defaultdict(set)
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table[(int(row["Topic"]), row["File"].strip())].add(int(row["Sentence Number"]))
    return {key: sorted(values) for key, values in table.items()}


def list_documents(corpus_dir: Path) -> list[DocKey]:
    """All ECB+ XML files, in output order."""
    keys: list[DocKey] = []
    for path in corpus_dir.glob("*/*.xml"):
        match = FILE_NAME_RE.match(path.name)
        if match is None:
            raise ValueError(f"unexpected file name: {path}")
        keys.append(DocKey(int(match["topic"]), match["half"], int(match["number"]), path))
    return sorted(keys, key=DocKey.sort_key)


def _read_tokens(root: ET.Element, doc_id: str) -> list[list[Token]]:
    """Group the document's tokens by sentence, checking sentence numbers are contiguous."""
    by_sentence: defaultdict[int, list[Token]] = defaultdict(list)
    for node in root.iter("token"):
        token = Token(node.get("t_id", ""), int(node.get("sentence", "-1")), normalise_raw(node.text))
        by_sentence[token.sentence].append(token)
    t_ids = [tok.t_id for sentence in by_sentence.values() for tok in sentence]
    if len(set(t_ids)) != len(t_ids):
        raise ValueError(f"{doc_id}: duplicate token ids")
    numbers = sorted(by_sentence)
    if numbers != list(range(len(numbers))):
        raise ValueError(f"{doc_id}: sentence numbers are not contiguous from 0: {numbers}")
    return [by_sentence[n] for n in numbers]


def _chains(root: ET.Element, doc_id: str, stats: Stats) -> dict[str, str]:
    """Map source mention ``m_id`` to its chain id from the document's coreference relations."""
    markables = root.find("Markables")
    relations = root.find("Relations")
    descriptors = {m.get("m_id", ""): m for m in (markables if markables is not None else [])}
    chain_of: dict[str, str] = {}
    for relation in relations if relations is not None else []:
        target = relation.find("target")
        if target is None:
            raise ValueError(f"{doc_id}: relation {relation.get('r_id')} has no target")
        target_id = target.get("m_id", "")
        if relation.tag == "CROSS_DOC_COREF":
            instance = descriptors[target_id].get("instance_id") or relation.get("note")
            if not instance:
                raise ValueError(f"{doc_id}: cross-document target {target_id} has no instance_id")
            chain = instance
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{doc_id}/{target_id}"
        else:
            stats.notes[f"relations of unknown kind {relation.tag} (ignored)"] += 1
            continue
        for source in relation.iter("source"):
            m_id = source.get("m_id", "")
            if m_id in chain_of and chain_of[m_id] != chain:
                raise ValueError(f"{doc_id}: mention {m_id} is in two chains")
            chain_of[m_id] = chain
    return chain_of


def _count_overlaps(mentions: Sequence[MentionRecord], stats: Stats) -> None:
    """Count pairs of entity mentions (sorted by start) sharing a span, nesting or crossing."""
    for i, earlier in enumerate(mentions):
        for later in mentions[i + 1 :]:
            if later["start"] >= earlier["end"]:
                break
            if (later["start"], later["end"]) == (earlier["start"], earlier["end"]):
                stats.notes["entity mention pairs with identical spans"] += 1
            elif later["end"] <= earlier["end"] or later["start"] == earlier["start"]:
                stats.notes["entity mention pairs nested in one another"] += 1
            else:
                stats.notes["entity mention pairs crossing one another"] += 1


def convert_document(key: DocKey, annotated: list[int] | None, stats: Stats) -> DocumentRecord:
    """Convert one ECB+ XML file to an output record."""
    doc_id = key.doc_id
    root = ET.parse(key.path).getroot()
    if root.get("doc_name") != key.path.name:
        stats.notes["doc_name attribute differs from the file name"] += 1
    sentences = _read_tokens(root, doc_id)
    order = [tok for sentence in sentences for tok in sentence]
    tokens = {tok.t_id: tok for tok in order}
    index = {tok.t_id: i for i, tok in enumerate(order)}
    text, sentence_spans, offsets = detokenise(sentences, split_hyphens=key.half == "ecbplus")
    for t_id, (start, end) in offsets.items():
        if text[start:end] != surface(tokens[t_id].raw):
            raise ValueError(f"{doc_id}: token {t_id} is not at its offsets")
    chain_of = _chains(root, doc_id, stats)

    mentions: list[MentionRecord] = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        anchors = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        if not anchors or not markable.tag.startswith(ENTITY_PREFIXES):
            continue  # tag descriptors, actions, times, negations, unknown instances
        m_id = markable.get("m_id", "")
        missing = [t for t in anchors if t not in tokens]
        if missing:
            raise ValueError(f"{doc_id}: mention {m_id} anchors missing tokens {missing}")
        unique = sorted(set(anchors), key=index.__getitem__)
        if len(unique) != len(anchors):
            stats.notes["entity mentions with a repeated token anchor (deduplicated)"] += 1
        visible = [t for t in unique if tokens[t].raw]
        if len(visible) != len(unique):
            stats.notes["entity mentions anchoring a whitespace-only token (token dropped)"] += 1
        if not visible:
            stats.notes["entity mentions with only whitespace tokens (dropped)"] += 1
            continue
        last_sentence = tokens[visible[-1]].sentence
        if tokens[visible[0]].sentence != last_sentence:
            stats.notes["entity mentions crossing a sentence boundary (cut to the last sentence)"] += 1
            visible = [t for t in visible if tokens[t].sentence == last_sentence]
        if index[visible[-1]] - index[visible[0]] + 1 != len(visible):
            stats.notes["discontinuous entity mentions (span first to last token)"] += 1
        start, end = offsets[visible[0]][0], offsets[visible[-1]][1]
        span_forms = [surface(tok.raw) for tok in order[index[visible[0]] : index[visible[-1]] + 1]]
        mention_text = text[start:end]
        if "".join(mention_text.split()) != "".join("".join(span_forms).split()):
            raise ValueError(f"{doc_id}: mention {m_id} text {mention_text!r} does not match its tokens")
        chain = chain_of.get(m_id)
        if chain is None:
            chain = f"{doc_id}/{m_id}"
            stats.notes["entity mentions: singletons"] += 1
        elif "/" in chain:
            stats.notes["entity mentions: intra-document chains only"] += 1
        else:
            stats.notes["entity mentions: cross-document chains"] += 1
        stats.chains_docs[chain].add(doc_id)
        head = head_of([surface(tokens[t].raw) for t in visible])
        mentions.append(
            MentionRecord(start=start, end=end, text=mention_text, type=markable.tag, chain=chain, head=head)
        )
    mentions.sort(key=lambda m: (m["start"], m["end"], m["type"], m["chain"]))
    _count_overlaps(mentions, stats)

    title = choose_title([text[start:end] for start, end in sentence_spans], stats)
    if annotated is None:
        stats.notes["documents without annotated sentences in the CSV"] += 1
    return DocumentRecord(
        id=doc_id,
        topic=key.topic,
        half=key.half,
        story=f"{key.topic}{key.half}",
        title=title,
        text=text,
        sentences=sentence_spans,
        annotated_sentences=annotated or [],
        mentions=mentions,
    )


def convert(corpus_root: Path, output: Path) -> tuple[list[DocumentRecord], Stats]:
    """Convert the whole corpus at ``corpus_root`` and write the JSON Lines file ``output``."""
    annotated = read_annotated_sentences(corpus_root / "ECBplus_coreference_sentences.csv")
    stats = Stats()
    records = [
        convert_document(key, annotated.get((key.topic, f"{key.number}{key.half}")), stats)
        for key in list_documents(corpus_root / "ECB+")
    ]
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    return records, stats


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: convert, then print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus_root", type=Path, help="ECB+ release directory (holds ECB+/ and the CSV)")
    parser.add_argument("output", type=Path, help="JSON Lines file to write")
    args = parser.parse_args(argv)
    records, stats = convert(args.corpus_root, args.output)

    n_mentions = sum(len(r["mentions"]) for r in records)
    cross = [c for c in stats.chains_docs if "/" not in c]
    multi_doc = [c for c, docs in stats.chains_docs.items() if len(docs) > 1]
    size = args.output.stat().st_size
    print(f"documents: {len(records)}")
    print(f"stories:   {len({r['story'] for r in records})}")
    print(f"topics:    {len({r['topic'] for r in records})}")
    print(f"mentions:  {n_mentions}")
    chains = len(stats.chains_docs)
    print(f"chains:    {chains} ({len(cross)} cross-document ids, {len(multi_doc)} in >1 document)")
    print(f"file:      {args.output} ({size} bytes, {size / 2**20:.2f} MiB)")
    for note, count in sorted(stats.notes.items()):
        print(f"  {note}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
