"""Union-find (disjoint sets) over 0..n-1, shared by entity resolution and fact alignment."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(slots=True)
class UnionFind:
    """Disjoint sets; the smaller index is always the root, which keeps results stable."""

    parent: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, size: int) -> UnionFind:
        return cls(list(range(size)))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> tuple[int, int] | None:
        """Join the sets of a and b; return (kept root, absorbed root), or None if already one."""
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra == rb:
            return None
        self.parent[rb] = ra
        return ra, rb

    def groups(self) -> dict[int, list[int]]:
        """Root -> members, members in index order."""
        found: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            found[self.find(i)].append(i)
        return dict(found)
