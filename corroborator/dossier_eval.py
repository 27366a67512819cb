"""Score dossiers against hand-labelled cases (`tests/data/dossier_eval/`).

Each case holds a few articles with gold facts (sentences in different articles that say the same
thing), gold conflicts (sides whose values cannot all be true) and gold attributions (who a
sentence is attributed to). `evaluate_cases` ingests every case into its own temporary store, puts
its articles in one story, builds the dossier and compares. Everything else here is a pure
function of a case and a `Prediction`, so the metrics can be tested without the engine.

Matching: a gold mention (an exact quote of an article) matches the predicted statement of the
same article whose [start, end) span overlaps the quote's span most, provided the overlap is at
least half of the shorter of the two spans. Gold is labelled sentence by sentence, predictions may
cut sentences differently; the half-of-the-shorter rule accepts a clause inside a sentence and a
sentence inside a longer statement, and rejects a mere shared boundary word.

Figures (pooled over all cases, so a big case weighs more than a small one):
- fact alignment: pairwise precision / recall / F1 over pairs of statements from different
  articles that gold mentions matched. A pair is gold-positive when one gold fact has mentions
  matched to both, predicted-positive when one predicted fact holds both. Pairs within one
  article are left out: facts are about agreement *between* reports, and a sentence carrying
  two gold facts would otherwise be counted twice.
- conflict detection: a gold conflict is found when some predicted conflict has two different
  sides whose statements match mentions of two different gold sides (here a mention matches
  every statement overlapping it enough, not only the best one: see `match_all`). A predicted conflict is
  correct when it finds some gold conflict. Precision counts *every* predicted conflict in every
  case (real, edited, control, synthetic): each case's conflicts were labelled exhaustively, so
  anything else the engine flags is a false alarm, and in a control case every flag is one.
- attribution accuracy: share of gold attributions whose matched statement is attributed to a
  name that fits the gold source (see `names_agree`); a gold attribution with no matching
  statement counts as wrong.
- verbatim violations: predicted statements whose text is not exactly the article text between
  their start and end (must be 0: a dossier must never show words an article did not print).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from corroborator.ingest import ingest_drafts
from corroborator.models import ArticleDraft
from corroborator.settings import Settings
from corroborator.store import Store, open_store

MIN_OVERLAP = 0.5  # of the shorter span
NAME_MATCH = 85  # rapidfuzz token-set ratio
_STOP = frozenset({"a", "an", "the", "of", "s"})
_ENTITY_ID = re.compile(r"^e[0-9]+$")
_WORD = re.compile(r"[^\W_]+")

Pair = tuple[str, str]


# -- gold cases ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Mention:
    """One quote of one article, as labelled."""

    article: str
    quote: str


@dataclass(frozen=True, slots=True)
class CaseArticle:
    key: str
    origin: str
    outlet: str
    published: str | None
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    mention: Mention
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Case:
    """A labelled case: articles, gold facts, gold conflicts (sides of mentions), gold attributions."""

    name: str
    kind: str
    articles: tuple[CaseArticle, ...]
    facts: tuple[tuple[Mention, ...], ...]
    conflicts: tuple[tuple[tuple[Mention, ...], ...], ...]
    attributions: tuple[GoldAttribution, ...]

    def article(self, key: str) -> CaseArticle:
        return next(a for a in self.articles if a.key == key)


def _mentions(items: Iterable[Mapping[str, Any]]) -> tuple[Mention, ...]:
    return tuple(Mention(str(m["article"]), str(m["quote"])) for m in items)


def case_from_json(data: Mapping[str, Any]) -> Case:
    """Read a case from its JSON object (`case.schema.json` describes it)."""
    return Case(
        name=str(data["case"]),
        kind=str(data["kind"]),
        articles=tuple(
            CaseArticle(
                str(a["key"]),
                str(a["origin"]),
                str(a["outlet"]),
                a.get("published"),
                str(a["title"]),
                str(a["text"]),
            )
            for a in data["articles"]
        ),
        facts=tuple(_mentions(f["mentions"]) for f in data["facts"]),
        conflicts=tuple(tuple(_mentions(s["mentions"]) for s in c["sides"]) for c in data["conflicts"]),
        attributions=tuple(
            GoldAttribution(
                Mention(str(a["article"]), str(a["quote"])),
                str(a["attributed_to"]),
                str(a["kind"]),
                tuple(str(x) for x in a.get("aliases", ())),
            )
            for a in data["attributions"]
        ),
    )


def load_case(path: Path) -> Case:
    return case_from_json(json.loads(path.read_text("utf-8")))


def case_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Case files named directly or found in directories (`*.json`, not the schema), sorted."""
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            found.extend(p for p in sorted(item.glob("*.json")) if not p.name.endswith("schema.json"))
        else:
            found.append(item)
    return found


# -- predictions --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PredStatement:
    """A predicted statement, reduced to what the metrics need."""

    id: str
    article: str  # the case's article key
    start: int | None
    end: int | None
    text: str
    source: str | None  # who it is attributed to, as a name; None = the outlet itself
    source_aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class Prediction:
    """What an engine said about one case, in the case's own article keys."""

    texts: dict[str, str]  # article key -> the text the engine saw (spans index into it)
    outlets: dict[str, str | None]  # article key -> outlet the engine recorded
    statements: list[PredStatement] = field(default_factory=list)
    facts: list[set[str]] = field(default_factory=list)  # statement ids per predicted fact
    conflicts: list[list[set[str]]] = field(default_factory=list)  # statement ids per side


def prediction_from_dossier(
    dossier: Mapping[str, Any], keys: Mapping[str, str], texts: Mapping[str, str]
) -> Prediction:
    """Reduce a `corroborator.dossier/1` document to a `Prediction`.

    `keys` maps the dossier's article ids (a12) to case keys; `texts` maps case keys to the stored
    article text. Entity ids in `attributed_to` become the entity's name (its aliases kept for
    matching); any other string is taken as a name; null means the outlet itself.
    """
    entities = {str(e["id"]): e for e in dossier.get("entities", [])}
    outlets = {keys[a["id"]]: a.get("outlet") for a in dossier.get("articles", []) if a["id"] in keys}
    statements = []
    for s in dossier.get("statements", []):
        if s["article"] not in keys:
            continue
        source, aliases = _source_name(s.get("attributed_to"), entities)
        statements.append(
            PredStatement(
                str(s["id"]),
                keys[s["article"]],
                s.get("start"),
                s.get("end"),
                str(s["text"]),
                source,
                aliases,
            )
        )
    facts = [set(map(str, f["statements"])) for f in dossier.get("facts", [])]
    fact_members = {str(f["id"]): members for f, members in zip(dossier.get("facts", []), facts, strict=True)}
    conflicts = [
        [
            set(map(str, side.get("statements") or ()))
            or set().union(*(fact_members.get(x, set()) for x in side["facts"]))
            for side in c["sides"]
        ]
        for c in dossier.get("conflicts", [])
    ]
    return Prediction(dict(texts), outlets, statements, facts, conflicts)


def _source_name(
    value: object, entities: Mapping[str, Mapping[str, Any]]
) -> tuple[str | None, tuple[str, ...]]:
    if not isinstance(value, str) or not value:
        return None, ()
    if _ENTITY_ID.match(value) and value in entities:
        entity = entities[value]
        return str(entity["name"]), tuple(str(x) for x in entity.get("aliases", ()))
    return value, ()


# -- matching -----------------------------------------------------------------------------------
def locate(text: str, quote: str) -> tuple[int, int] | None:
    """The span of `quote` in `text`: exact first, then ignoring differences in whitespace.

    The store keeps the cleaned text, which may re-space what the case file holds.
    """
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    found = re.search(pattern, text) if pattern else None
    return (found.start(), found.end()) if found else None


def overlap_fraction(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans as a share of the shorter one (0 when either is empty)."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    if shorter <= 0:
        return 0.0
    return max(0, min(a[1], b[1]) - max(a[0], b[0])) / shorter


def statement_span(statement: PredStatement, text: str) -> tuple[int, int] | None:
    """A statement's span: its own start/end, or where its text occurs when it gave none."""
    if statement.start is not None and statement.end is not None:
        return statement.start, statement.end
    at = text.find(statement.text)
    return (at, at + len(statement.text)) if at >= 0 else None


def overlapping(mention: Mention, prediction: Prediction) -> list[tuple[float, str]]:
    """(overlap share, statement id) of every statement overlapping the mention enough, best first.

    Ties keep the engine's statement order, so the choice is deterministic.
    """
    text = prediction.texts.get(mention.article)
    span = locate(text, mention.quote) if text is not None else None
    if span is None or text is None:
        return []
    found = []
    for order, statement in enumerate(prediction.statements):
        other = statement_span(statement, text) if statement.article == mention.article else None
        share = overlap_fraction(span, other) if other is not None else 0.0
        if share >= MIN_OVERLAP:
            found.append((share, order, statement.id))
    found.sort(key=lambda x: (-x[0], x[1]))
    return [(share, sid) for share, _, sid in found]


def match_mention(mention: Mention, prediction: Prediction) -> str | None:
    """The id of the statement that best overlaps the mention (>= half of the shorter span)."""
    found = overlapping(mention, prediction)
    return found[0][1] if found else None


def match_all(mention: Mention, prediction: Prediction) -> set[str]:
    """Every statement overlapping the mention enough.

    Conflicts use this: an engine that cuts a labelled sentence into clauses puts the clause with
    the disputed value on a side, and that clause need not be the longest piece of the sentence.
    """
    return {sid for _, sid in overlapping(mention, prediction)}


# -- metrics ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives; precision/recall/F1 from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """1.0 when nothing was predicted: no claim made, none wrong."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(ids: Iterable[str], article_of: Mapping[str, str]) -> set[Pair]:
    ordered = sorted(set(ids))
    return {(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :] if article_of[a] != article_of[b]}


def fact_counts(case: Case, prediction: Prediction) -> tuple[Counts, int, int]:
    """Pairwise fact alignment counts, plus (fact mentions matched, fact mentions labelled)."""
    article_of = {s.id: s.article for s in prediction.statements}
    gold: set[Pair] = set()
    universe: set[str] = set()
    matched = total = 0
    for fact in case.facts:
        ids = []
        for mention in fact:
            total += 1
            found = match_mention(mention, prediction)
            if found is not None:
                matched += 1
                ids.append(found)
        universe.update(ids)
        gold |= _pairs(ids, article_of)
    predicted: set[Pair] = set()
    for members in prediction.facts:
        predicted |= _pairs(members & universe, article_of)
    return Counts(len(gold & predicted), len(predicted - gold), len(gold - predicted)), matched, total


def _finds(pred_sides: Sequence[set[str]], gold_sides: Sequence[set[str]]) -> bool:
    """Two different predicted sides hit two different gold sides."""
    for i, left in enumerate(pred_sides):
        for j, right in enumerate(pred_sides):
            if i == j:
                continue
            for x, gold_left in enumerate(gold_sides):
                for y, gold_right in enumerate(gold_sides):
                    if x != y and left & gold_left and right & gold_right:
                        return True
    return False


def conflict_counts(case: Case, prediction: Prediction) -> tuple[int, int, int, int]:
    """(gold conflicts found, gold conflicts, predicted conflicts that are correct, predicted conflicts)."""
    gold = [
        [set().union(*(match_all(m, prediction) for m in side)) for side in conflict]
        for conflict in case.conflicts
    ]
    found = sum(1 for g in gold if any(_finds(p, g) for p in prediction.conflicts))
    correct = sum(1 for p in prediction.conflicts if any(_finds(p, g) for g in gold))
    return found, len(gold), correct, len(prediction.conflicts)


def _tokens(name: str) -> list[str]:
    return [t for t in _WORD.findall(name.casefold()) if t not in _STOP]


def names_agree(predicted: str, gold: str, *, person: bool) -> bool:
    """Whether a predicted source name denotes the gold one.

    Case-insensitive token-set ratio >= 85 after dropping articles ("the officer" = "officer"),
    or, for people, the same surname ("Nugroho" = "Sutopo Purwo Nugroho").
    """
    left, right = _tokens(predicted), _tokens(gold)
    if not left or not right:
        return False
    if fuzz.token_set_ratio(" ".join(left), " ".join(right)) >= NAME_MATCH:
        return True
    return person and left[-1] == right[-1]


def attribution_correct(
    gold: GoldAttribution, statement: PredStatement | None, case: Case, prediction: Prediction
) -> bool:
    """Whether the matched statement's source is the gold source (`self` = the article's outlet)."""
    if statement is None:
        return False
    own = {
        o.casefold()
        for o in (case.article(gold.mention.article).outlet, prediction.outlets.get(gold.mention.article))
        if o
    }
    says_self = statement.source is None or statement.source.casefold() in own
    if gold.kind == "self":
        return says_self
    if statement.source is None:
        return False
    golds = (gold.name, *gold.aliases)
    names = (statement.source, *statement.source_aliases)
    return any(names_agree(n, g, person=gold.kind == "person") for n in names for g in golds)


def attribution_counts(case: Case, prediction: Prediction) -> tuple[int, int, int]:
    """(correct, labelled, labelled with no matching statement)."""
    by_id = {s.id: s for s in prediction.statements}
    correct = unmatched = 0
    for gold in case.attributions:
        found = match_mention(gold.mention, prediction)
        unmatched += found is None
        correct += attribution_correct(gold, by_id.get(found) if found else None, case, prediction)
    return correct, len(case.attributions), unmatched


def verbatim_violations(prediction: Prediction) -> list[str]:
    """Ids of statements whose text is not exactly their article's text at [start, end)."""
    bad = []
    for s in prediction.statements:
        text = prediction.texts.get(s.article)
        if text is None or s.start is None or s.end is None:
            ok = text is not None and s.text in text
        else:
            ok = 0 <= s.start <= s.end <= len(text) and text[s.start : s.end] == s.text
        if not ok:
            bad.append(s.id)
    return bad


# -- scores and report --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CaseScore:
    """Every count for one case (figures are computed from pooled counts, never averaged)."""

    case: str
    kind: str
    articles: int
    statements: int
    facts: Counts
    mentions_matched: int
    mentions: int
    conflicts_found: int
    conflicts_gold: int
    conflicts_correct: int
    conflicts_predicted: int
    attributions_correct: int
    attributions: int
    attributions_unmatched: int
    verbatim_violations: int
    seconds: float = 0.0

    def figures(self) -> dict[str, float | int]:
        return _figures([self])


def score_case(case: Case, prediction: Prediction, seconds: float = 0.0) -> CaseScore:
    """Compare one prediction with one case's labels."""
    facts, matched, mentions = fact_counts(case, prediction)
    found, gold, correct, predicted = conflict_counts(case, prediction)
    right, labelled, unmatched = attribution_counts(case, prediction)
    return CaseScore(
        case.name,
        case.kind,
        len(case.articles),
        len(prediction.statements),
        facts,
        matched,
        mentions,
        found,
        gold,
        correct,
        predicted,
        right,
        labelled,
        unmatched,
        len(verbatim_violations(prediction)),
        seconds,
    )


def _ratio(num: int, den: int, empty: float = 1.0) -> float:
    return num / den if den else empty


def _figures(scores: Sequence[CaseScore]) -> dict[str, float | int]:
    facts = sum((s.facts for s in scores), Counts())
    return {
        "fact_pairwise_precision": facts.precision,
        "fact_pairwise_recall": facts.recall,
        "fact_pairwise_f1": facts.f1,
        "mention_coverage": _ratio(sum(s.mentions_matched for s in scores), sum(s.mentions for s in scores)),
        "conflict_precision": _ratio(
            sum(s.conflicts_correct for s in scores), sum(s.conflicts_predicted for s in scores)
        ),
        "conflict_recall": _ratio(
            sum(s.conflicts_found for s in scores), sum(s.conflicts_gold for s in scores)
        ),
        "conflicts_predicted": sum(s.conflicts_predicted for s in scores),
        "attribution_accuracy": _ratio(
            sum(s.attributions_correct for s in scores), sum(s.attributions for s in scores)
        ),
        "verbatim_violations": sum(s.verbatim_violations for s in scores),
    }


@dataclass(frozen=True, slots=True)
class Report:
    """Scores per case and pooled over all of them (and per kind of case)."""

    cases: tuple[CaseScore, ...]

    @property
    def overall(self) -> dict[str, float | int]:
        return _figures(self.cases)

    def by_kind(self) -> dict[str, dict[str, float | int]]:
        kinds = sorted({s.kind for s in self.cases})
        return {k: _figures([s for s in self.cases if s.kind == k]) for k in kinds}

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "by_kind": self.by_kind(),
            "cases": [{"case": s.case, "kind": s.kind, **s.figures()} for s in self.cases],
        }


# -- running the engine -------------------------------------------------------------------------
def _drafts(case: Case) -> list[ArticleDraft]:
    return [
        ArticleDraft(
            origin=f"{case.name}/{a.key}:{a.origin}",
            text=a.text,
            title=a.title,
            outlet=a.outlet,
            published=a.published,
            language="en",
        )
        for a in case.articles
    ]


def _one_story(store: Store, article_ids: Sequence[int]) -> int:
    """Put the case's articles in one new story, as gold says they are (grouping is not scored here)."""
    with store.transaction():
        (story,) = store.new_story_ids(1)
        store.assign_stories([(story, None, article_id) for article_id in article_ids])
    return story


@dataclass(frozen=True, slots=True)
class StoredCase:
    """A case's articles in a store of their own, as one story: what its dossier is built from."""

    store: Store
    story: int
    settings: Settings
    article_ids: list[int]
    keys: dict[str, str]  # the dossier's article id ('a3') -> the case's article key
    texts: dict[str, str]  # the case's article key -> the stored text


@contextmanager
def stored_case(case: Case, settings: Settings, workdir: Path) -> Iterator[StoredCase]:
    """Ingest one case into a fresh store under `workdir` and put its articles in one story."""
    db = workdir / f"{case.name}.db"
    run = replace(settings, db_path=db, group=False)
    with open_store(db) as store:
        report = ingest_drafts(store, _drafts(case), run)
        ids = [r.article_id for r in report.results]
        if not report.ok or len(ids) != len(case.articles) or None in ids:
            raise ValueError(
                f"{case.name}: not every article was stored: {[r.message for r in report.results]}"
            )
        stored = [int(i) for i in ids if i is not None]
        story = _one_story(store, stored)
        keys = {f"a{aid}": a.key for aid, a in zip(stored, case.articles, strict=True)}
        texts = {a.key: store.get_article(aid).text for aid, a in zip(stored, case.articles, strict=True)}
        yield StoredCase(store, story, run, stored, keys, texts)


def predict_case(case: Case, settings: Settings, workdir: Path) -> Prediction:
    """Ingest one case into a fresh store under `workdir`, build its dossier, reduce it."""
    from corroborator.dossier import build_dossier

    with stored_case(case, settings, workdir) as stored:
        dossier = build_dossier(stored.store, stored.story, stored.settings)
    return prediction_from_dossier(dossier, stored.keys, stored.texts)


def iter_scores(paths: Iterable[Path | str], settings: Settings | None = None) -> Iterator[CaseScore]:
    """Score case after case (the CLI prints as they come)."""
    import time

    settings = settings or Settings()
    with tempfile.TemporaryDirectory(prefix="corroborator-dossier-eval-") as tmp:
        for path in case_paths(paths):
            case = load_case(path)
            began = time.perf_counter()
            prediction = predict_case(case, settings, Path(tmp))
            yield score_case(case, prediction, time.perf_counter() - began)


def evaluate_cases(paths: Iterable[Path | str], settings: Settings | None = None) -> Report:
    """Run the dossier engine on every labelled case and score it."""
    return Report(tuple(iter_scores(paths, settings)))
