"""The country a news outlet publishes from (data: ``hadath/data/places/outlets.yaml``).

Used as a weak prior: a place name shared by several countries resolves to the outlet's own
country when the article names no other.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

OUTLETS_PATH = Path(__file__).resolve().parent.parent / "data" / "places" / "outlets.yaml"
_KEYS = frozenset({"id", "name", "country", "domains"})


class OutletDataError(ValueError):
    """The outlets file breaks its schema."""


@dataclass(frozen=True, slots=True)
class Outlets:
    """Outlet ids and web domains → ISO 3166-1 alpha-3."""

    by_id: dict[str, str]
    by_domain: dict[str, str]

    def country(self, source: str | None, url: str | None = None) -> str | None:
        """The outlet's country, by its id, else by its url's host (or a parent domain)."""
        if source and source.strip().lower() in self.by_id:
            return self.by_id[source.strip().lower()]
        host = (urlsplit(url).hostname or "") if url else ""
        host = host.removeprefix("www.")
        while host:
            if host in self.by_domain:
                return self.by_domain[host]
            host = host.partition(".")[2]
        return None


@lru_cache(maxsize=4)
def load_outlets(path: Path = OUTLETS_PATH) -> Outlets:
    """The outlets table, validated (cached)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise OutletDataError(f"{path}: expected a mapping with an 'outlets' list")
    by_id: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    for number, item in enumerate(items):
        if not isinstance(item, dict) or set(item) != _KEYS:
            raise OutletDataError(f"{path}#{number}: an outlet has exactly the keys {sorted(_KEYS)}")
        country = item["country"]
        if not (isinstance(country, str) and len(country) == 3 and country.isupper()):
            raise OutletDataError(f"{path}#{number}: country must be an alpha-3 code")
        if item["id"] in by_id:
            raise OutletDataError(f"{path}#{number}: duplicate outlet id {item['id']!r}")
        by_id[item["id"]] = country
        for domain in item["domains"]:
            if domain in by_domain:
                raise OutletDataError(f"{path}#{number}: domain {domain!r} listed twice")
            by_domain[domain] = country
    return Outlets(by_id, by_domain)
