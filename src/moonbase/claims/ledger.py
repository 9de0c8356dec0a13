"""The ledger of public claims: one TOML file per claim in ``moonbase/claims/data/claims/``.

A claim file holds only what the claim itself says (its sentence, who, when, the source
and the numbers it states, each with its unit) and which evaluation kind tests it
(:data:`moonbase.claims.kinds.KINDS`). Everything the claim implies is computed by the
model's functions when the claim is evaluated, never stored here.

``moonbase/claims/data/inputs.toml`` holds the published value (today's record or the
literature's figure, with its source) of each input a claim may need moved, and the
bound a search for it may go to.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from moonbase.errors import ScenarioError
from moonbase.scenario.units import parse_quantity

__all__ = ["Claim", "InputReference", "Source", "claim_ids", "input_references", "load_claims", "select_claims"]

DATA_PACKAGE = "moonbase.claims.data"
CLAIM_KEYS = {"id", "claim", "who", "date", "kind", "scenario", "quantity", "claimed", "by_year", "source",
              "numbers", "figure", "untestable"}
SOURCE_KEYS = {"document", "date", "url", "verified", "reason", "where"}


@dataclass(frozen=True)
class Source:
    """Where a claim was made and whether a stored copy of it was read."""

    document: str
    date: str
    url: str
    verified: bool
    reason: str  # why it is unverified, or what the copy read says (where in it)


@dataclass(frozen=True)
class Claim:
    """One public claim, as stated; numbers in SI with the text written kept for display."""

    id: str
    claim: str
    who: str
    date: str
    kind: str
    scenario: str
    quantity: str
    claimed_text: str  # "100 GW/yr", as the ledger writes it
    claimed_si: float
    unit: str  # the unit the claim is written in
    by_year: int | None  # the year the claim names (None: no date given)
    source: Source
    numbers: dict[str, float] = field(default_factory=dict)  # other stated numbers, SI
    numbers_text: dict[str, str] = field(default_factory=dict)
    figure: str = ""  # for kind "figure": which computed figure the claim states
    untestable: str = ""  # for kind "statement": why the model cannot test it

    @property
    def claimed_value(self) -> float:
        """The number the claim states, in its own unit."""
        return float(self.claimed_text.split()[0].replace(",", ""))


@dataclass(frozen=True)
class InputReference:
    """An input the model may need moved, its published value and the bound of the search."""

    path: str
    published_text: str
    published_si: float
    source: str
    bound_text: str
    bound_si: float
    bound_reason: str


def _split(text: str, where: str) -> tuple[float, str]:
    number, _, unit = str(text).strip().partition(" ")
    try:
        return float(number.replace(",", "")), unit.strip()
    except ValueError:
        raise ScenarioError(f"{where} = {text!r} is not '<number> <unit>'; expected e.g. \"100 GW/yr\".") from None


def si_value(text: str, where: str) -> float:
    """``"100 GW/yr"`` -> SI (W/s for a per-year rate of power, as astropy converts it); bare numbers as they are."""
    _, unit = _split(text, where)
    if not unit:
        return float(str(text).replace(",", ""))
    return parse_quantity(text, unit, where)


def _read(name: str) -> dict[str, Any]:
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _check_keys(data: dict[str, Any], known: set[str], where: str) -> None:
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ScenarioError(f"{where}: key {key!r} is unknown; expected one of: {', '.join(sorted(known))}.{hint}")


def _claim(data: dict[str, Any], where: str) -> Claim:
    _check_keys(data, CLAIM_KEYS, where)
    source = data.get("source", {})
    _check_keys(source, SOURCE_KEYS, f"{where} [source]")
    verified = bool(source.get("verified", False))
    if not verified and not source.get("reason"):
        raise ScenarioError(f"{where} [source] verified = false needs a reason; expected reason = \"...\".")
    claimed = str(data["claimed"])
    _, unit = _split(claimed, f"{where} claimed")
    numbers_text = {k: str(v) for k, v in data.get("numbers", {}).items()}
    return Claim(
        id=data["id"], claim=data["claim"], who=data["who"], date=str(data["date"]), kind=data["kind"],
        scenario=data.get("scenario", "alpha-uncertain"), quantity=data["quantity"], claimed_text=claimed,
        claimed_si=si_value(claimed, f"{where} claimed"), unit=unit, by_year=data.get("by_year"),
        source=Source(source.get("document", ""), str(source.get("date", "")), source.get("url", ""), verified,
                      source.get("reason", source.get("where", ""))),
        numbers={k: si_value(v, f"{where} numbers.{k}") for k, v in numbers_text.items()},
        numbers_text=numbers_text, figure=data.get("figure", ""), untestable=data.get("untestable", ""))


def load_claims() -> list[Claim]:
    """Every claim of the ledger, in the order of their file names."""
    folder = resources.files(DATA_PACKAGE).joinpath("claims")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    claims = [_claim(_read(f"claims/{name}"), f"claim file {name}") for name in names]
    ids = [c.id for c in claims]
    if len(set(ids)) != len(ids):
        raise ScenarioError(f"claim ids repeat in the ledger: {sorted(i for i in ids if ids.count(i) > 1)}.")
    return claims


def claim_ids() -> list[str]:
    """Ids of the ledger's claims."""
    return [c.id for c in load_claims()]


def select_claims(ids: list[str] | None) -> list[Claim]:
    """The claims named by ``ids`` (all when None or empty), in ledger order.

    Raises
    ------
    ScenarioError
        When an id is not in the ledger (the closest id is suggested).
    """
    claims = load_claims()
    if not ids:
        return claims
    known = {c.id: c for c in claims}
    for wanted in ids:
        if wanted not in known:
            close = difflib.get_close_matches(wanted, list(known), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ScenarioError(f"--id = {wanted!r} is not a claim of the ledger; choose one of: "
                                f"{', '.join(known)}.{hint}")
    return [c for c in claims if c.id in ids]


def input_references() -> dict[str, InputReference]:
    """Published value and search bound of each input a claim may need moved, by dotted path."""
    out = {}
    for path, entry in _read("inputs.toml").items():
        where = f"inputs.toml [{path!r}]"
        out[path] = InputReference(path, str(entry["published"]), si_value(str(entry["published"]), where),
                                   entry["source"], str(entry["bound"]), si_value(str(entry["bound"]), where),
                                   entry["bound_reason"])
    return out
