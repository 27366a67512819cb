"""Union-find: unions partition the indices, and the smallest member is always the root."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corroborator.unionfind import UnionFind

pairs = st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=40)


@given(pairs)
def test_groups_partition_the_indices_and_roots_are_smallest(unions: list[tuple[int, int]]) -> None:
    sets = UnionFind.of(20)
    for a, b in unions:
        sets.union(a, b)
    groups = sets.groups()
    assert sorted(i for members in groups.values() for i in members) == list(range(20))
    assert all(root == min(members) for root, members in groups.items())
    for a, b in unions:
        assert sets.find(a) == sets.find(b)


def test_union_reports_what_it_joined() -> None:
    sets = UnionFind.of(3)
    assert sets.union(2, 1) == (1, 2)
    assert sets.union(1, 2) is None
