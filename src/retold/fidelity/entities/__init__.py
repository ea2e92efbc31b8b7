"""Names of people, organisations and places, and whether a retelling kept, swapped or lost them.

A careful rule-based extractor: capitalised runs (not at a sentence start unless the name is
known), acronyms, with titles and function words stripped. In German every noun is capitalised,
so there a single capitalised word counts only when something else says it is a name (an acronym,
a multi-word name, a title before it, a known place); within a matched pair, a single word that
the Hannover Tagger reads as a name (see _hanta) and the other side lacks, facing such a word
there, is taken for a name replaced by another. Comparison is conservative: a name that
occurs anywhere in the other article, by a variant, acronym or expansion, is neither added nor
dropped.
"""

from __future__ import annotations

from retold.fidelity.entities.extract import entities
from retold.fidelity.entities.flags import compare, unfamiliar_names
from retold.fidelity.entities.presence import named_in, present
from retold.fidelity.entities.tokens import Entity, is_acronym

__all__ = ["Entity", "compare", "entities", "is_acronym", "named_in", "present", "unfamiliar_names"]
