"""The summary: a few sentences, each citing the facts it rests on, nothing no article says.

Corroborated facts come first, most independent origins first, each given in the words of its
clearest statement. Then each conflict is stated as contested, its sides in the articles' own
values with the outlets that give them. The only words of corroborator's own are that framing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

MAX_FACTS = 5
MAX_CONFLICTS = 3


def summarise(facts: Sequence[dict[str, Any]], conflicts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Summary entries `{text, facts}` from the dossier's facts and conflicts."""
    ranked = sorted(
        (f for f in facts if f["independent_origins"] >= 2 and f["status"] != "contested"),
        key=lambda f: (-f["independent_origins"], -len(f["outlets"]), _number(f["id"])),
    )
    entries = [{"text": f["text"], "facts": [f["id"]]} for f in ranked[:MAX_FACTS]]
    if not entries and facts:
        lead = min(facts, key=lambda f: _number(f["id"]))
        entries.append({"text": lead["text"], "facts": [lead["id"]]})
    by_id = {f["id"]: f for f in facts}
    entries.extend(_contested(conflict, by_id) for conflict in conflicts[:MAX_CONFLICTS])
    return entries


def _contested(conflict: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    sides = []
    cited: list[str] = []
    for side in conflict["sides"]:
        outlets = sorted({o for f in side["facts"] for o in by_id[f]["outlets"]})
        sides.append(f"{side['value']} ({', '.join(outlets)})")
        cited.extend(side["facts"])
    return {"text": f"Contested, {conflict['about']}: " + " versus ".join(sides) + ".", "facts": cited}


def _number(identifier: str) -> int:
    return int(identifier[1:])
