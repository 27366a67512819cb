"""Near-duplicate articles: MinHash signatures, an LSH index, and a measured-overlap check.

A wire report re-run by another outlet, a lightly revised version or a syndicated copy is
"mostly another article's text". Such an article gets `duplicate_of` = the earliest copy, so
later stages count it once. Finding candidates must not compare against every stored article,
so each article's MinHash signature (word 4-shingles, 128 permutations) goes into a
locality-sensitive hash index; the few candidates it returns are then confirmed by measuring
the real shingle overlap on their text.

Signatures are stored, so a new process rebuilds the index from them without re-reading text.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
SHINGLE = 4
# Odd multipliers that mix the word hashes of a shingle into one 32-bit value.
_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F], dtype=np.uint32)[:SHINGLE]
_TOKEN = re.compile(r"[^\W_]+")

Signature = npt.NDArray[np.uint32]


def _identity(value: int) -> int:
    return value


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=_identity)
_PERMUTATIONS = _TEMPLATE.permutations


@dataclass(frozen=True, slots=True)
class DuplicateOptions:
    """How similar two texts must be before one counts as a copy of the other."""

    lsh_threshold: float = 0.4
    containment: float = 0.7
    max_checks: int = 4


def shingle_hashes(text: str) -> npt.NDArray[np.uint32]:
    """The distinct 32-bit hashes of the text's overlapping 4-word shingles.

    Words are lower-cased alphanumeric runs, so punctuation, case and re-wrapping do not
    matter. A text shorter than one shingle is hashed as a single shingle of what it has.
    """
    words = _TOKEN.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint32)
    distinct = {word: zlib.crc32(word.encode()) for word in dict.fromkeys(words)}
    hashes = np.array([distinct[word] for word in words], dtype=np.uint32)
    if len(hashes) < SHINGLE:
        hashes = np.concatenate([hashes, np.zeros(SHINGLE - len(hashes), dtype=np.uint32)])
    span = len(hashes) - SHINGLE + 1
    mixed = np.zeros(span, dtype=np.uint32)
    for offset in range(SHINGLE):
        mixed ^= hashes[offset : offset + span] * _MIX[offset]
        mixed = (mixed << np.uint32(7)) | (mixed >> np.uint32(25))
    return np.unique(mixed)


def signature(shingles: npt.NDArray[np.uint32]) -> Signature:
    """MinHash signature of a shingle set (128 unsigned 32-bit values)."""
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=_identity, permutations=_PERMUTATIONS
    )
    if len(shingles):
        minhash.update_batch(shingles.tolist())
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def signature_bytes(values: Signature) -> bytes:
    """How a signature is stored: 512 little-endian bytes."""
    return values.astype("<u4").tobytes()


def signature_from_bytes(blob: bytes) -> Signature:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def containment(part: npt.NDArray[np.uint32], whole: npt.NDArray[np.uint32]) -> float:
    """Share of `part`'s shingles that also occur in `whole` (1.0 for an exact copy)."""
    if not len(part):
        return 0.0
    return float(np.isin(part, whole, assume_unique=True).sum()) / len(part)


class DuplicateIndex:
    """In-memory LSH over stored signatures; `find` proposes and confirms a copy's original."""

    def __init__(self, options: DuplicateOptions) -> None:
        self.options = options
        self.lsh = MinHashLSH(threshold=options.lsh_threshold, num_perm=NUM_PERM)
        self.signatures: dict[int, Signature] = {}
        self.roots: dict[int, int] = {}
        self.copies: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self.signatures)

    def add(self, article_id: int, values: Signature, duplicate_of: int | None) -> None:
        """Index one article; `duplicate_of` is the earliest copy it was found to repeat."""
        self._remember(article_id, values, duplicate_of)
        self.lsh.insert(article_id, _lean(values), check_duplication=False)

    def _remember(self, article_id: int, values: Signature, duplicate_of: int | None) -> None:
        self.signatures[article_id] = values
        root = duplicate_of if duplicate_of is not None else article_id
        self.roots[article_id] = root
        if root != article_id:
            self.copies.setdefault(root, []).append(article_id)

    def add_many(self, rows: Iterable[tuple[int, Signature, int | None]]) -> None:
        """Index many stored articles at once (process start-up)."""
        with self.lsh.insertion_session() as session:
            for article_id, values, duplicate_of in rows:
                self._remember(article_id, values, duplicate_of)
                session.insert(article_id, _lean(values), check_duplication=False)

    def candidates(self, values: Signature) -> list[int]:
        """Indexed articles that probably share much text, most similar first."""
        found = self.lsh.query(_lean(values))
        scored = [(float(np.mean(self.signatures[key] == values)), int(key)) for key in found]
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [key for _, key in scored]

    def find(
        self,
        values: Signature,
        shingles: npt.NDArray[np.uint32],
        shingles_of: Callable[[list[int]], dict[int, npt.NDArray[np.uint32]]],
        accept: Callable[[int], bool] = lambda key: True,
    ) -> int | None:
        """The root id of the earlier article this one mostly copies, or None.

        `accept` filters candidates first (the caller's rule on publication dates). Only the
        few most similar candidates are measured (`max_checks`): their text is fetched
        through `shingles_of`, so a copy costs a handful of lookups, not a scan.
        """
        checked = [key for key in self.candidates(values) if accept(key)][: self.options.max_checks]
        if not checked:
            return None
        texts = shingles_of(checked)
        for key in checked:
            if (
                containment(shingles, texts.get(key, np.zeros(0, dtype=np.uint32)))
                >= self.options.containment
            ):
                return self.roots[key]
        return None

    def reroot(self, old_root: int, new_root: int) -> None:
        """Point every copy of `old_root` (and itself) at `new_root`, an earlier copy."""
        moved = [old_root, *self.copies.pop(old_root, [])]
        self.copies.pop(new_root, None)
        for key in moved:
            self.roots[key] = new_root
        self.roots[new_root] = new_root
        self.copies[new_root] = [key for key in moved if key != new_root]


def _lean(values: Signature) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)
