"""The article's home country, for institutions named without a country.

"The government", "the ministry", "local officials", "the minister" in a story about
Ecuador are Ecuador's, and so is an office holder the knowledge base does not know, named
with the office alone ("Deputy Interior Minister Santi Chaiviratana"). When neither this nor the previous sentence names one
country (see `resolution`), such a bare institution takes the article's home country: the
country its actors name most (by country words and the people the dictionaries place), when
it is named at least twice and at least three times as often as any other; plural bodies ("the
governments") are several countries' and keep none. A story split between two countries has no home country, and bare
institutions stay without one: a wrong country is worse than none.
"""

from __future__ import annotations

from collections import Counter

from ...resources.actor_dictionary import INTERNATIONAL
from .mention import Mention
from .pieces import ADJ, CAPITAL, COUNTRY, NAME, PERSON, SECTOR

# Mentions that name a country outright: country words, and people the dictionaries place.
_MARKED = frozenset({COUNTRY, ADJ, CAPITAL, PERSON, NAME})

# Sectors of a state's own institutions (a bare "firm" or "reporters" has no country to take).
_STATE = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Posts abroad ("the embassy") are another country's.
_ABROAD = frozenset({"embassy", "consulate", "mission", "envoy", "ambassador", "diplomat", "diplomats"})


def home_country(mentions: list[Mention]) -> str | None:
    """The country the article's own mentions name most, if clearly dominant."""
    counts = Counter(m.country for m in mentions if m.pieces and m.country and m.country not in INTERNATIONAL)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 3 * ranked[1][1]:
        return None
    return ranked[0][0]


def _bare_institution(mention: Mention) -> bool:
    return (
        mention.country is None
        and mention.possessor is None
        and mention.sector in _STATE
        and bool(mention.pieces)
        and all(p.kind in (SECTOR, NAME) for p in mention.pieces)
        # a named holder only with the office given ("Prime Minister Branko Mikulic")
        and (
            all(p.kind == SECTOR for p in mention.pieces)
            or any(p.sector_kind == "title" for p in mention.pieces)
        )
        and not any(p.key in _ABROAD for p in mention.pieces)
        # "the governments", "the two militaries": more than one country's; "troops" serve abroad
        and not any(p.sector_kind == "body" and p.key.endswith("s") for p in mention.pieces)
        and not any(p.sector_kind == "group" for p in mention.pieces)
    )


def resolve_home(mentions: list[Mention]) -> None:
    """Give bare state institutions the article's home country."""
    home = home_country(mentions)
    if home is None:
        return
    for mention in mentions:
        if _bare_institution(mention):
            mention.country = home
            mention.code = home + (mention.sector or "")
