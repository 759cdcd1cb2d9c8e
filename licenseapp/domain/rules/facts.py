"""What the engine is told: facts about a person and an item (frozen value objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from licenseapp.domain import validators
from licenseapp.domain.enums import ImmigrationStatus, ItemKind, Regime

US = "US"


@dataclass(frozen=True, slots=True)
class CitizenshipFacts:
    """One citizenship: the country, when it was acquired and (if given up) when it ended.

    ``basis`` is how it was acquired: ``birth``, ``naturalization``, ``descent`` or ``""``
    (unknown). A citizenship held since birth with no date is the earliest a person has.
    """

    country: str
    acquired: date | None = None
    ended: date | None = None
    basis: str = ""

    def in_force(self, on: date) -> bool:
        if self.acquired is not None and self.acquired > on:
            return False
        return self.ended is None or self.ended > on

    @property
    def by_birth(self) -> bool:
        return self.basis == "birth"


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """A person as far as license determination needs: name (for the memo), citizenships,
    permanent residency, U.S. immigration status and birth country. ``None`` means unknown."""

    citizenships: tuple[CitizenshipFacts, ...] = ()
    residency_country: str | None = None
    residency_since: date | None = None
    immigration_status: ImmigrationStatus | None = None
    birth_country: str | None = None
    date_of_birth: date | None = None
    name: str = ""

    @classmethod
    def of(
        cls,
        *citizenships: str | CitizenshipFacts,
        residency: str | None = None,
        residency_since: date | None = None,
        status: ImmigrationStatus | str | None = None,
        birth: str | None = None,
        name: str = "",
    ) -> PersonFacts:
        """Shorthand:
        ``PersonFacts.of("CN", CitizenshipFacts("CA", date(2015, 1, 1)), status="lpr")``.

        Plain codes are citizenships with unknown dates."""
        cits = tuple(c if isinstance(c, CitizenshipFacts) else CitizenshipFacts(c)
                     for c in citizenships)
        return cls(
            citizenships=cits,
            residency_country=residency,
            residency_since=residency_since,
            immigration_status=ImmigrationStatus(status) if status is not None else None,
            birth_country=birth,
            name=name,
        )

    @property
    def display_name(self) -> str:
        return self.name or "This person"

    @property
    def object_name(self) -> str:
        return self.name or "this person"


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """A controlled item: its classification (ECCN such as ``3E001`` or ``3A090.a``, or
    ``EAR99``), kind, and regime. ``eccn`` is ``None`` when the item is not classified.
    ``mode`` is how the person reaches an AI model (an :class:`AccessMode` value:
    ``parameters``, ``use``, ``fine_tuning``), or ``None`` for the item as a whole."""

    eccn: str | None
    kind: ItemKind | None = None
    regime: Regime = Regime.EAR
    name: str = ""
    ref: str = ""
    mode: str | None = None
    #: Not subject to the EAR: the basis code (``published``, ``fundamental_research``,
    #: ``educational``, ``unstated``; see not_subject.py), or ``""``.
    not_subject: str = ""

    @classmethod
    def from_eccn(cls, eccn: str, kind: ItemKind | None = None, name: str = "") -> ItemFacts:
        return cls(eccn=validators.eccn(eccn), kind=kind, regime=Regime.EAR, name=name)

    #: The ECCN without paragraph suffixes (``3A090`` for ``3A090.a.1``).
    eccn_base: str | None = field(init=False, repr=False, compare=False)
    #: The paragraph suffix without the ECCN (``a.1`` for ``3A090.a.1``), or ``""``.
    paragraph: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        base, _, paragraph = (self.eccn or "").partition(".")
        object.__setattr__(self, "eccn_base", base or None)
        object.__setattr__(self, "paragraph", paragraph)

    @property
    def label(self) -> str:
        return self.eccn or self.name or self.ref or "the item"

    def in_mode(self, mode: str | None) -> ItemFacts:
        """The same item reached in ``mode`` (an AccessMode value, or None: as a whole)."""
        if mode == self.mode:
            return self
        return ItemFacts(self.eccn, self.kind, self.regime, self.name, self.ref, mode,
                         self.not_subject)
