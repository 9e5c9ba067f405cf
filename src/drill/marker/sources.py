"""Where each 采分点 comes from in the material (溯源): the stretch of the material that states
it best, found with the same close matching that marks answers (`keypoints.match_points`),
so a candidate who missed a point is shown where it was to be found."""

from __future__ import annotations

from drill.marker import rows
from drill.marker.keypoints import phrasing_scores, phrasings, match_points
from drill.marker.matching import key_clauses
from drill.models import Evidence, KeyPoint

# A stretch that states a point less like it than this (0–100) is not its source, nor one
# where no clause of the point is stated at least CLAUSE_FOUND well: a measure the material
# never proposes (压实旗县区责任) is not found in a long sentence that shares a few words.
FOUND = 50.0
CLAUSE_FOUND = 60.0


def point_sources(points: list[KeyPoint], material: str) -> dict[str, Evidence | None]:
    """Each point's source in the material (by point id), or None when nothing there states it."""
    if not material.strip() or not points:
        return {p.id: None for p in points}
    best = match_points(material, points)
    found: dict[str, Evidence | None] = {}
    for point in points:
        score, used, _ = max(phrasing_scores(point, best), key=lambda t: t[0], default=(0.0, [], ""))
        stated = max((best[c][0] for phrasing in phrasings(point) for c in key_clauses(phrasing)), default=0.0)
        found[point.id] = rows.window_evidence(material, used) if score >= FOUND and stated >= CLAUSE_FOUND and used else None
    return found
