"""Stories: articles grouped around an origin they each retell directly.

Connected components chain: A retells B, B retells C, and A and C (which share nothing) land in
one group. Here every member of a story has its own edge to the story's centre, so A~B and B~C
never puts A with C unless they share evidence. Centres are taken most-retold first (more
outgoing than incoming directed edges, then earliest published, then most edges); an article
reached from two centres belongs to both stories. Roles come from the story's own edges: the
origins are the members that the directed edges name as a source and that took from no other
member (a copier is never an origin while its source is in the story; of two such origins joined
by an edge of unknown direction, the first by the centre ranking); a story with no directed edge
has its centre as origin, which its tables call ``centre`` (``roles``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from retold.model import Edge, Story
from retold.store.sqlite import digest

DIRECTED = 0.5


def arrow(e: Edge) -> tuple[str, str] | None:
    """``(source, retelling)`` when the edge's direction is confident, else None."""
    if e.direction_confidence < DIRECTED:
        return None
    if e.direction == "a_to_b":
        return e.a, e.b
    if e.direction == "b_to_a":
        return e.b, e.a
    return None


def retellings(story: Story) -> list[tuple[str, list[tuple[str, bool, str]]]]:
    """Each member that others in the story took from, with them: ``(source, [(retelling, directed, relation)])``,
    origins first, then in the story's order. An edge of unknown direction hangs its later member (in the story's
    order) under the earlier one, marked not directed, so every member appears under someone."""
    place = {a: k for k, a in enumerate(story.articles)}

    def at(v: str) -> int:
        return place.get(v, len(place))

    under: dict[str, list[tuple[str, bool, str]]] = {}
    for e in story.edges:
        arr = arrow(e)
        src, dst = arr or sorted((e.a, e.b), key=at)
        under.setdefault(src, []).append((dst, arr is not None, e.relation))
    return [(src, sorted(under[src], key=lambda m: at(m[0]))) for src in sorted(under, key=at)]


def build_stories(edges: Sequence[Edge], published: Mapping[str, float | None] | None = None) -> list[Story]:
    """Group reuse edges into stories (see the module docstring)."""
    published = published or {}
    adj: dict[str, set[str]] = {}
    out_deg: dict[str, int] = {}
    in_deg: dict[str, int] = {}
    for e in edges:
        adj.setdefault(e.a, set()).add(e.b)
        adj.setdefault(e.b, set()).add(e.a)
        arr = arrow(e)
        if arr:
            out_deg[arr[0]] = out_deg.get(arr[0], 0) + 1
            in_deg[arr[1]] = in_deg.get(arr[1], 0) + 1

    def rank(v: str) -> tuple[int, float, int, str]:
        t = published.get(v)
        return (-(out_deg.get(v, 0) - in_deg.get(v, 0)), t if t is not None else float("inf"), -len(adj[v]), v)

    covered: set[str] = set()
    stories: list[Story] = []
    for centre in sorted(adj, key=rank):
        if centre in covered:
            continue
        members = {centre} | adj[centre]
        covered |= members
        own = tuple(e for e in edges if e.a in members and e.b in members)
        arrows = [arr for e in own if (arr := arrow(e))]
        named = {src for src, _ in arrows}
        copied = {dst for _, dst in arrows}
        # origins are sources the edges name that copied no member (of two such joined by an
        # edge of unknown direction, the first ranked); without arrows, the centre
        origins: list[str] = []
        for v in sorted(named - copied, key=rank):
            if not adj[v] & set(origins):
                origins.append(v)
        origins = sorted(origins or sorted(named) or [centre])
        rest = sorted(members - set(origins), key=lambda m: (published.get(m) or float("inf"), m))
        stories.append(Story(f"s-{digest(centre)}", tuple(origins) + tuple(rest), tuple(origins), own))
    stories.sort(key=lambda st: (-len(st.articles), st.id))
    return stories


def roles(story: Story) -> dict[str, str]:
    """What the story's edges say of each member: ``origin`` (a source that took from no member), ``retelling``
    (a directed edge says it took from a member), ``joined`` (only edges of unknown direction tie it in: the
    scan prints it ``~``, not ``<-``); a story with no directed edge has a ``centre``, not an origin, and the
    rest ``joined`` (``centre ~ others (no direction known)``)."""
    arrows = [arr for e in story.edges if (arr := arrow(e))]
    took = {dst for _, dst in arrows}
    first = "origin" if arrows else "centre"
    return {a: first if a in story.origins else "retelling" if a in took else "joined" for a in story.articles}


def story_rows(stories: Sequence[Story]) -> list[dict[str, str]]:
    """``story, article, role`` rows (:func:`roles`), origins first."""
    return [{"story": st.id, "article": a, "role": role} for st in stories for a, role in roles(st).items()]
