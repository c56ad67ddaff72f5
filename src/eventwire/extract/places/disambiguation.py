"""Places: toponyms resolved to GeoNames entries.

Recognition (mentions.py) gives spans with their candidate entries; resolution here
picks one entry per span in two passes: first by prior alone (feature, population, how the
name matched), then again with the article's own geography as context: the countries and
first-level regions its confident places fall in, "X, Region" containment, and nearness to
the other places. There is no fixed home country: an Indian article's "Punjab" goes to
India's Punjab because India is what the article is about.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc

from ...records import Place
from ...resources.gazetteer import (
    ABBREV,
    ALIAS,
    ALTERNATE,
    DEMONYM,
    PRIMARY,
    Entry,
    distance_km,
    load_gazetteer,
)
from .mentions import Mention, find_mentions

# Prior of each kind of place before context: a country or region named outright is
# usually meant as such ("Georgia" the country unless the article is American).
_FEATURE_PRIOR = {
    "country": 30.0,
    "admin1": 25.0,
    "region": 24.0,
    "landmark": 22.0,
    "admin2": 21.0,
    "other": 15.0,
}
_KIND_PRIOR = {ALTERNATE: -10.0, DEMONYM: 0.0}
_SAME_COUNTRY = 6.0
_SAME_REGION = 8.0
_NEAR = 4.0
_NEAR_KM = 150.0
_CLOSE = 3.0
_CLOSE_KM = 30.0
# A region's share of the article's other placed mentions that earns the full bonus / 1.5.
_REGION_SHARE = 1.5
_SUPPORT = 4.0
_SUPPORT_T = 6.0
_BIG_CITY = 100_000
# Features small enough that nearness to another place says something.
_LOCAL = frozenset({"city", "landmark", "admin2"})
# Weak support (other places merely in the same country) counts up to this much.
_WEAK_CAP = 0.5
# A city known the world over (by its count of names in other languages, from the first
# number to the second) is read as such whatever country the article is about: a wire
# story saying "U.S." and "Washington" everywhere still means Paris, France by "Paris" and
# Venice, Italy by "Venice". Only local evidence (the state, a place nearby, "Paris,
# Texas") outweighs it.
_FAME_NAMES = (25, 50)
# A village: sharing a state with the article's places is weak evidence for it against a
# famous namesake elsewhere.
_VILLAGE = 5_000
# First-level regions the size of a country: Britain's nations. Naming England or Scotland
# (or placing London in England) says the story is British, as naming the country would;
# it is no local evidence for every English town ("Washington, England" in a British story
# about the U.S. capital).
_NATIONS = frozenset({("GB", "ENG"), ("GB", "SCT"), ("GB", "WLS"), ("GB", "NIR")})


def _local_region(e: Entry) -> bool:
    """Whether e's first-level region is local evidence (a state, a province, not a nation)."""
    return bool(e.country and e.admin1) and (e.country, e.admin1) not in _NATIONS


def _prior(e: Entry) -> float:
    base = 3.0 * math.log10(e.population + 10) if e.feature == "city" else _FEATURE_PRIOR.get(e.feature, 15.0)
    return base + _KIND_PRIOR.get(e.kind, 0.0) + 3.0 * (e.priority or 0.0)


def _fame(e: Entry) -> float:
    """0..1: how widely a city is known beyond its country. A national capital is known
    everywhere, whatever its count of names: "Washington" in a Japanese or British story is
    the U.S. capital, not a town in England."""
    if e.feature != "city" or e.kind not in (PRIMARY, ALIAS):
        return 0.0
    if e.capital:
        return 1.0
    lo, hi = _FAME_NAMES
    return min(1.0, max(0.0, (e.names - lo) / (hi - lo)))


def _fits_within(e: Entry, region: Entry) -> bool:
    if region.feature == "country":
        return e.country == region.country and e.feature != "country"
    if region.feature == "admin1":
        return (
            e.country == region.country
            and e.admin1 == region.admin1
            and e.feature not in ("country", "admin1")
        )
    return False


def _related(a: str, b: str) -> bool:
    """Names of one family ("Richmond", "North Richmond") do not vouch for each other."""
    return a == b or a in b or b in a


class _Context:
    """The article's geography: where its confident places are. A name never counts as
    context for itself: five mentions of "Paris" must not vote Paris, France in."""

    def __init__(self, picks: list[tuple[Mention, Entry | None, float, float]]):
        self.countries: Counter[str] = Counter()
        self.regions: Counter[tuple[str | None, str | None]] = Counter()
        self.by_text: dict[str, tuple[Counter, Counter]] = {}
        # regions of each list's items: a list's other items are no local evidence for one
        self.by_series: dict[int, Counter] = {}
        self.points: list[tuple[float, float, str]] = []
        for m, e, margin, country_margin in picks:
            if e is None or country_margin < 2.0:
                continue
            key = m.text.lower()
            own_c, own_r = self.by_text.setdefault(key, (Counter(), Counter()))
            weight = 2 if e.feature in ("country", "admin1") and e.kind != DEMONYM else 1
            if e.country:
                # "Henderson County" is American whichever state it is in
                self.countries[e.country] += weight
                own_c[e.country] += weight
            if margin < 2.0:
                continue
            if _local_region(e):
                self.regions[(e.country, e.admin1)] += weight
                own_r[(e.country, e.admin1)] += weight
                if m.series is not None:
                    self.by_series.setdefault(m.series, Counter())[(e.country, e.admin1)] += weight
            if e.lat is not None and e.lon is not None and e.feature in _LOCAL:
                self.points.append((e.lat, e.lon, key))
        # a place named fifty times is one point: `parts` scans the points for every
        # reading of every mention, so repeats would make long articles quadratic
        self.points = list(dict.fromkeys(self.points))

    def bonus(self, e: Entry, text: str) -> tuple[float, float]:
        """e's bonus in two parts: for its country being the article's (the article names
        the country, or places anywhere in it), and the local part (its region is the
        article's, or a place near it is named)."""
        national, region, near = self.parts(e, text)
        return national, region + near

    def parts(self, e: Entry, text: str, series: int | None = None) -> tuple[float, float, float]:
        """The national bonus, the shared-region bonus and the nearness bonus."""
        key = text.lower()
        own_c, own_r = self.by_text.get(key, (Counter(), Counter()))
        if series is not None and series in self.by_series:
            own_r = own_r | self.by_series[series]
        national = score = 0.0
        total = sum(self.countries.values()) - sum(own_c.values())
        if e.country and total > 0:
            share = (self.countries[e.country] - own_c[e.country]) / total
            national = _SAME_COUNTRY * min(1.0, 2 * share)
        if _local_region(e):
            others = self.regions[(e.country, e.admin1)] - own_r[(e.country, e.admin1)]
            if others > 0:
                # by the region's share: a few places that happen to share a state (Wayne,
                # Bloomfield, Madison in New Jersey) must not match the state the article
                # is about (all of them are also in Nebraska, named eight times)
                share = others / (sum(self.regions.values()) - sum(own_r.values()))
                full = _SAME_REGION if e.feature != "admin1" else _SAME_REGION / 2
                score += full * min(1.0, _REGION_SHARE * share)
        near = 0.0
        if e.lat is not None and e.lon is not None and e.feature in _LOCAL:
            for lat, lon, other in self.points:
                if not _related(other, key) and distance_km(e.lat, e.lon, lat, lon) < _NEAR_KM:
                    near = _NEAR
                    break
        return national, score, near


def _candidates(m: Mention) -> tuple[Entry, ...]:
    """The entries a mention may name, after "X, Region" containment."""
    entries = m.entries
    if m.within is not None and m.within.entries:
        regions = m.within.entries
        inside = [e for e in entries if any(_fits_within(e, r) for r in regions)]
        if inside:
            entries = tuple(inside)
    if "container" in m.tags:
        entries = tuple(e for e in entries if e.feature in ("admin1", "country")) or entries
    if any(e.feature in ("admin1", "country") and e.kind in (PRIMARY, ALIAS) for e in entries):
        # a state's or country's own name is not a county's short form: "Texas" next to
        # "Oklahoma" is the state, not Texas County, Oklahoma; "Washington" beside "New York"
        # is not Washington County, N.Y. (those are named in full)
        entries = tuple(e for e in entries if not (e.feature == "admin2" and e.kind == ALTERNATE)) or entries
    exact = [e for e in entries if e.kind != ALTERNATE]
    entries = tuple(
        replace(e, kind=ALIAS) if _world_exonym(e, entries) or _renowned_alternate(e, entries) else e
        for e in entries
    )
    if exact:
        # a place called exactly this beats one that is sometimes also called this
        # ("Islamabad" is Pakistan's capital, not Anantnag's old name), unless that one is
        # far bigger (common exonyms such as "Odessa" are in our alias file)
        biggest = max(e.population for e in exact)
        entries = tuple(
            e
            for e in entries
            if e.kind != ALTERNATE
            or e.population > 5 * biggest
            or e.feature == "admin2"  # "DeKalb" may be DeKalb County
            or (e.feature == "admin1" and not _namesake_inside(e, entries))
        )
    return entries


# A world city's other name in English ("Canton", "Peking", "Saigon", "Leningrad") is read
# as that city, as our own aliases are: in an international story it is far likelier meant
# than a namesake town abroad; local evidence ("Canton, Ohio") still outweighs it.
_EXONYM_POP = 1_000_000


def _world_exonym(e: Entry, entries: tuple[Entry, ...]) -> bool:
    """Not where the name is also a place of the city's own country ("New York" the state,
    not New York City; "Bahia" the state, not Salvador), nor against a sizeable city called
    exactly that ("Cancun" is Cancún, not a spelling of Changchun)."""
    return (
        e.kind == ALTERNATE
        and e.feature == "city"
        and e.population >= _EXONYM_POP
        and e.names >= _FAME_NAMES[1]
        and not any(x.country == e.country for x in entries if x is not e)
        and all(e.population > 20 * x.population for x in entries if x.kind != ALTERNATE)
    )


# An alternate name's town must be this many times bigger, and known by at least this many
# names and twice as many as the villages called exactly that.
_RENOWN_RATIO = 10
_RENOWN_NAMES = 10


def _renowned_alternate(e: Entry, entries: tuple[Entry, ...]) -> bool:
    """A town GeoNames lists under another spelling ("Jenin" for Janīn, 35,000 people,
    17 names) is meant rather than the villages called exactly that (Jenin, Poland, 1,100
    people): a name NER calls a place is the renowned town's. Only against villages, and
    only for a town far bigger and far better known, so odd alternate names stay weak."""
    if e.kind != ALTERNATE or e.feature != "city" or e.names < _RENOWN_NAMES:
        return False
    exact = [x for x in entries if x.kind != ALTERNATE]
    return bool(exact) and all(
        x.feature == "city"
        and x.population < _VILLAGE
        and e.population >= _RENOWN_RATIO * max(x.population, 1)
        and e.names >= 2 * x.names
        for x in exact
    )


def _namesake_inside(region: Entry, entries: tuple[Entry, ...]) -> bool:
    """A region known to us only by another language's or GeoNames' name ("Tuscany",
    "Hesse", "Flanders") is still a candidate against towns of that name elsewhere (a hamlet
    in Alberta, a village in France), but not against a city of that name inside it: there
    the city is meant ("Baghdad", "Salzburg", "Durango")."""
    return any(
        e.feature == "city" and e.country == region.country and e.admin1 == region.admin1 for e in entries
    )


def _list_scale(mentions: list[Mention], cands: list[tuple[Entry, ...]]) -> list[tuple[Entry, ...]]:
    """Items of one list are things of one scale: in "New York, Boston, Chicago and
    Detroit" (big cities, states or countries all) Boston is the city, not a village of
    545 near Pittsburgh, whatever else the article names."""

    def big(entries):
        return any(
            e.kind in (PRIMARY, ALIAS) and (e.feature in ("country", "admin1") or e.population >= _BIG_CITY)
            for e in entries
        )

    out = list(cands)
    for i, (m, entries) in enumerate(zip(mentions, cands)):
        if m.series is None or not big(entries):
            continue
        others = [c for n, c in zip(mentions, cands) if n.series == m.series and n is not m]
        if len(others) >= 2 and all(big(c) for c in others):
            out[i] = tuple(e for e in entries if e.feature != "city" or e.population >= _VILLAGE)
    return out


def _affinity(e: Entry, c: Entry) -> float:
    """How much place c, named elsewhere in the article, supports reading e."""
    if e.country is None or c.country is None:
        return 0.0
    if e.feature == "country" and c.country == e.country and c.feature != "country":
        return 1.0  # the article names a place in this country
    km = None
    if e.feature in _LOCAL and c.feature in _LOCAL:
        if e.lat is not None and e.lon is not None and c.lat is not None and c.lon is not None:
            km = distance_km(e.lat, e.lon, c.lat, c.lon)
    if km is not None and km < _CLOSE_KM:
        # a town and its county, or two neighbouring towns: far likelier by design than by
        # chance (Lebanon in Boone County is Indiana's, whichever Lebanon is biggest)
        return _CLOSE
    if e.admin1 and e.admin1 == c.admin1 and e.country == c.country and _local_region(e):
        if c.feature == "admin1" and e.feature != "admin1":
            return _CLOSE  # the article names the state itself: as good as a neighbour
        return 1.0
    if km is not None and km < _NEAR_KM:
        return 1.0
    return 0.2 if e.country == c.country else 0.0


def _top(cands: list[tuple[Entry, ...]]) -> list[list[Entry]]:
    """A name's five likeliest cities, but all its regions and counties ("Henry County"
    exists in ten states, all with the same prior)."""
    return [
        [e for e in c if e.feature != "city"]
        + sorted((e for e in c if e.feature == "city"), key=_prior, reverse=True)[:5]
        for c in cands
    ]


def _supports(
    cands: list[tuple[Entry, ...]],
    texts: list[str],
    top: list[list[Entry]],
    series: list[int | None] | None = None,
) -> list[dict[int, tuple[float, float]]]:
    """For each mention, each candidate's support from the other mentions' readings
    (co-occurring places cluster: Paris next to Henry County and Tennessee is Paris, TN).
    Items of one list support each other as places of one state do, no more: a state
    listed beside cities ("New York, Boston, Chicago") does not locate them."""
    series = series or [None] * len(cands)
    # how likely each reading of the other mentions is, by prior: a hamlet that happens to
    # share a name speaks less than the town the name usually means
    weights = []
    for others in top:
        best = max((_prior(c) for c in others), default=0.0)
        weights.append([math.exp((_prior(c) - best) / _SUPPORT_T) for c in others])
    # The other names, each read once: its first mention with readings. A mention's
    # support depends only on its name, readings and list, so repeats are computed once
    # (a long article names the same places again and again).
    firsts: dict[str, int] = {}
    for j, others in enumerate(top):
        if others:
            firsts.setdefault(texts[j].lower(), j)
    done: dict[tuple, dict[int, tuple[float, float]]] = {}
    out = []
    for i, entries in enumerate(cands):
        sup: dict[int, tuple[float, float]] = {}
        if len(entries) > 1:
            own = texts[i].lower()
            memo = (own, entries, series[i])
            if memo in done:
                out.append(done[memo])
                continue
            others_j = [j for key, j in firsts.items() if not _related(key, own)]
            for e in entries:
                strong, weak = 0.0, 0.0
                for j in others_j:
                    a = max(_affinity(e, c) * w for c, w in zip(top[j], weights[j]))
                    if series[i] is not None and series[i] == series[j]:
                        a = min(a, 1.0)
                    if a >= 0.5:
                        strong += a
                    else:
                        weak += a
                # same-country mentions only hint; same region or nearby places count
                strong = min(strong, 4.0)
                sup[e.rowid] = (strong, min(strong + min(weak, _WEAK_CAP), 4.0) - strong)
            done[memo] = sup
        out.append(sup)
    return out


def _scores(
    entries: tuple[Entry, ...],
    text: str,
    context: _Context | None,
    support: dict[int, tuple[float, float]],
    series: int | None = None,
) -> list[float]:
    """Each entry's prior plus its evidence. That the article is about a country (it says
    "U.S.", as wire stories nearly always do, or names Washington and New York) does not
    make a namesake of a famous city elsewhere likelier: "Paris" is still Paris, France and
    "Venice" Venice, Italy. Local evidence (the state, a place nearby, "Paris, Texas")
    counts in full."""
    fame = [_fame(e) for e in entries]
    # a country named outright is as well known as a name gets: "Jamaica" in a U.S. wire
    # story is the island, not the neighbourhood in Queens, unless local evidence says so
    fame = [
        1.0 if e.feature == "country" and e.kind in (PRIMARY, ALIAS) else f for e, f in zip(entries, fame)
    ]
    out = []
    for e, f in zip(entries, fame):
        strong, weak = support.get(e.rowid, (0.0, 0.0))
        national, region, near = context.parts(e, text, series) if context else (0.0, 0.0, 0.0)
        # a famous namesake elsewhere (Milan, Italy; Boston; Mexico the country) outweighs
        # a village's sharing a state with the article's other places ("Milan weekly" in a
        # story naming a town in Georgia is no Milan, Georgia); a neighbour named counts,
        # and a town's sharing a state still does (Paris, Texas; Dublin, Ohio)
        known = (
            max(
                (g for c, g in zip(entries, fame) if (c.country, c.admin1) != (e.country, e.admin1)),
                default=0.0,
            )
            if e.feature == "city" and e.population < _VILLAGE
            else 0.0
        )
        local = region * (1.0 - max(0.0, known - f)) + near
        # (local evidence: the state named, or a county or town next to it named as such)
        rival = max(
            (
                g
                for c, g in zip(entries, fame)
                if c.country != e.country
                and ((e.feature == "city" and strong < _CLOSE) or c.feature != "country")
            ),
            default=0.0,
        )
        national = (national + _SUPPORT * weak) * (1.0 - max(0.0, rival - f))
        out.append(_prior(e) + local + _SUPPORT * strong + national)
    return out


def _choose(
    entries: tuple[Entry, ...],
    text: str,
    context: _Context | None,
    support: dict[int, tuple[float, float]] | None = None,
    series: int | None = None,
) -> tuple[Entry | None, float, float]:
    """Best entry of a mention, its margin over the runner-up and over the best entry in
    another country."""
    if not entries:
        return None, 0.0, 0.0
    support = support or {}
    scored = sorted(zip(_scores(entries, text, context, support, series), entries), key=lambda x: -x[0])
    best, entry = scored[0]
    margin = best - scored[1][0] if len(scored) > 1 else 10.0
    abroad = [score for score, e in scored[1:] if e.country != entry.country]
    return entry, margin, (best - abroad[0] if abroad else 10.0)


def _county_point(e: Entry, picks, gaz) -> tuple[float | None, float | None]:
    """A county has no point in our data: use the article's first place in the same state
    (local news names the county it is in), else the state's centre."""
    for _, other, *_ in picks:
        if (
            other is not None
            and other.feature == "city"
            and other.country == e.country
            and other.admin1 == e.admin1
            and other.lat is not None
        ):
            return other.lat, other.lon
    region = gaz.region(e.country, e.admin1) if e.admin1 else None
    if region is not None:
        return region.lat, region.lon
    return None, None


def _short_forms(picks):
    """A name the article also gives in full is that place: "Avondale" after "Avondale
    Estates", "DeKalb" after "DeKalb County". Not a state or country ("Kansas" next to
    "Kansas City")."""
    full = {}
    for m, e, *_ in picks:
        if e is not None and " " in m.text and e.lat is not None:
            full.setdefault(m.text.lower(), e)
    if not full:
        return picks
    out = []
    for pick in picks:
        m, e = pick[0], pick[1]
        key = m.text.lower() + " "
        longer = next((f for name, f in full.items() if name.startswith(key)), None)
        if (
            longer is not None
            and longer is not e
            and not any(c.feature in ("country", "admin1") and c.kind in (PRIMARY, ALIAS) for c in m.entries)
        ):
            pick = (m, longer, *pick[2:])
        out.append(pick)
    return out


_WATER = re.compile(r"\b(?:Ocean|Sea|Gulf)$")


def _firm_not_town(
    m: Mention, e: Entry | None, context: _Context, support: dict[int, tuple[float, float]], plain: set[str]
) -> bool:
    """A town read only inside an organisation's name ("Merrill Lynch", "Dome Petroleum",
    "Moody's") is more likely a founder's name or a word than a place, unless the article's
    geography backs it: its state or a place near it is named ("the Springfield Police" in
    an article about Springfield), or the article names it outside the organisation too.
    Countries, states and big cities in a name are places ("Kansas Electric")."""
    if "org" not in m.tags or e is None or m.text.lower() in plain:
        return False
    if _WATER.search(e.name):
        return True  # "Atlantic Richfield", "Gulf Oil": no firm is named for being at sea
    if any(
        (c.feature in ("country", "admin1", "region") and c.kind != ALTERNATE)
        or c.kind in (ALIAS, DEMONYM, ABBREV)
        or (c.feature == "admin2" and c.kind == PRIMARY)
        for c in m.entries
    ):
        return False  # "Kansas Electric", "the Licking County ...", "White House spokesman"
    if e.feature == "city" and e.population >= _BIG_CITY and e.kind in (PRIMARY, ALIAS):
        return False
    return context.bonus(e, m.text)[1] <= 0 and support.get(e.rowid, (0.0, 0.0))[0] < 0.5


# Places within this distance of a water body or region speak for it.
_SHORE_KM = 1500.0


def _nearest_waters(picks):
    """A name several water bodies or regions share ("Gulf": the Persian Gulf, the Gulf of
    Mexico) is the one the article's other places lie around: "Gulf export prices" among
    Texas and Louisiana is the Gulf of Mexico; with no such places, the usual one (by
    priority) stays."""
    out = []
    for pick in picks:
        m, e = pick[0], pick[1]
        waters = [
            c for c in _candidates(m) if c.country is None and c.feature == "region" and c.lat is not None
        ]
        if e is not None and e in waters and len(waters) > 1:

            def votes(w, m=m):
                return sum(
                    1
                    for n, o, *_ in picks
                    if o is not None
                    and o.lat is not None
                    and n.text != m.text
                    and o.feature != "region"
                    and distance_km(w.lat, w.lon, o.lat, o.lon) < _SHORE_KM
                )

            best = max(waters, key=lambda w: (votes(w), w is e))
            if best is not e and votes(best) > votes(e):
                pick = (m, best, *pick[2:])
        out.append(pick)
    return out


# A town smaller than this, abroad, needs the article to name its country or a place near it.
_STRAY_TOWN = 20_000


def _stray_town(
    m: Mention, e: Entry | None, context: _Context, support: dict[int, tuple[float, float]], longer: set[str]
) -> bool:
    """A one-word name read as a small town in a country the article names nowhere else
    ("Naval" a town in the Philippines in a story about a U.S. Navy contract, "Oster" in
    Ukraine for a firm's division, "Bula" in the Philippines beside Indonesian oilfields)
    is more likely a word, a firm or a name we do not know than that town."""
    if (
        e is None
        or e.feature != "city"
        or e.population >= _STRAY_TOWN
        or " " in m.text
        or m.source == "DATELINE"
        or _fame(e) > 0
        or not e.country
        or any(name.startswith(m.text.lower() + " ") for name in longer)
    ):
        return False  # (a short form of a name given in full: "the North" of North Korea)
    own_c = context.by_text.get(m.text.lower(), (Counter(), Counter()))[0]
    others = {c for c, n in context.countries.items() if n - own_c[c] > 0}
    return bool(others) and e.country not in others and support.get(e.rowid, (0.0, 0.0))[0] < 0.5


def _unresolved_feature(m: Mention) -> str:
    return "landmark" if m.source == "FAC" else "other"


def extract_places(doc: Doc) -> list[Place]:
    """Place mentions in text order."""
    gaz = load_gazetteer()
    mentions = find_mentions(doc, gaz)
    cands = _list_scale(mentions, [_candidates(m) for m in mentions])
    texts = [m.text for m in mentions]
    series = [m.series for m in mentions]
    supports = _supports(cands, texts, _top(cands), series)
    first = [
        (m, *_choose(c, m.text, None, s, m.series))
        for i, (m, c, s) in enumerate(zip(mentions, cands, supports))
    ]
    context = _Context(first)
    picks = [
        (m, *_choose(c, m.text, context, s, m.series))
        for i, (m, c, s) in enumerate(zip(mentions, cands, supports))
    ]
    # second round: clear readings now speak for themselves, unclear ones keep all options
    top = [[e] if e is not None and margin >= 3.0 else t for (_, e, margin, _), t in zip(picks, _top(cands))]
    supports = _supports(cands, texts, top, series)
    context = _Context(picks)
    picks = [
        (m, *_choose(c, m.text, context, s, m.series))
        for i, (m, c, s) in enumerate(zip(mentions, cands, supports))
    ]
    plain = {m.text.lower() for m in mentions if "org" not in m.tags}
    longer = {m.text.lower() for m in mentions if " " in m.text}
    firm = [("firm" in m.tags and m.text.lower() not in plain) for m in mentions]
    if any(firm):
        # a firm's town needs evidence from places named as places, or as the seats of
        # police, schools, councils: two firms named after towns of one state ("Drexel" and
        # "McDonald's", both towns in Ohio) do not vouch for each other
        context = _Context([(m, None if f else e, margin, cm) for (m, e, margin, cm), f in zip(picks, firm)])
        supports = _supports(cands, texts, [[] if f else t for t, f in zip(top, firm)], series)
    picks = [
        pick
        for pick, s in zip(picks, supports)
        if not _firm_not_town(pick[0], pick[1], context, s, plain)
        and not _stray_town(pick[0], pick[1], context, s, longer)
    ]
    picks = _short_forms(picks)
    picks = _nearest_waters(picks)
    places = []
    for m, e, *_ in picks:
        if e is None:
            places.append(
                Place(m.text, m.start, m.end, None, None, None, None, None, None, _unresolved_feature(m))
            )
            continue
        lat, lon = e.lat, e.lon
        if lat is None and e.feature == "admin2":
            lat, lon = _county_point(e, picks, gaz)
        places.append(
            Place(
                text=m.text,
                start=m.start,
                end=m.end,
                geonameid=e.geonameid,
                name=e.name,
                lat=None if lat is None else round(lat, 5),
                lon=None if lon is None else round(lon, 5),
                country=e.country,
                admin1=e.admin1_name if e.feature != "admin1" else e.name,
                feature=e.feature,
            )
        )
    return places
