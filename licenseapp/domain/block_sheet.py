"""The block-by-block sheet for keying an application into the regulator's portal: one row
per portal field, in the form's order, with every address split into the parts the portal
asks for in fields of their own (street, city, state, postal code, country).

One row is (block number, field, value); the value may hold several lines (a description).
"""

from __future__ import annotations

from collections.abc import Iterator

from licenseapp.domain.form_values import field_entry, item_entry
from licenseapp.domain.forms import FormField, FormSpec
from licenseapp.domain.record import Address, ApplicationRecord, OrganizationInfo, PartyInfo

Row = tuple[str, str, str]

ADDRESS_PARTS = ("Street", "City", "State or province", "Postal code", "Country")


def address_rows(number: str, field: str, address: Address) -> list[Row]:
    """The address as five rows, one per portal field (empty parts stay, as empty rows)."""
    country = address.country_name or address.country or ""
    if address.country and address.country_name:
        country = f"{address.country_name} ({address.country})"
    street = ", ".join(x.strip() for x in address.street.splitlines() if x.strip())
    values = (street, address.city, address.state, address.postal_code, country)
    return [(number, f"{field}: {part}", value)
            for part, value in zip(ADDRESS_PARTS, values, strict=True)]


def _organization(number: str, label: str, org: OrganizationInfo) -> list[Row]:
    rows = [(number, f"{label}: Name", org.legal_name)]
    rows += address_rows(number, label, org.address)
    rows += [(number, f"{label}: {name}", value) for name, value in (
        ("Telephone", org.phone), ("EIN", org.ein), ("SNAP-R CIN", org.snapr_cin)) if value]
    return rows


def _party(number: str, label: str, party: PartyInfo, index: int, count: int) -> list[Row]:
    name = label if count == 1 else f"{label} {index}"
    rows = [(number, f"{name}: Name", party.name)]
    rows += address_rows(number, name, party.address)
    if party.phone:
        rows.append((number, f"{name}: Telephone", party.phone))
    return rows


def _field_rows(field: FormField, data: ApplicationRecord) -> list[Row]:
    source = field.source or ""
    if source == "organization":
        return _organization(field.number, field.label, data.organization)
    if source.startswith("party."):
        parties = data.parties_in_role(source.removeprefix("party."))
        if parties:
            return [row for i, p in enumerate(parties, start=1)
                    for row in _party(field.number, field.label, p, i, len(parties))]
    return [(field.number, field.label, "\n".join(field_entry(field, data).lines))]


def block_rows(form: FormSpec, data: ApplicationRecord) -> Iterator[Row]:
    """Every row of the sheet, in the form's order (per-item blocks once per item)."""
    for field in form.fields:
        if field.repeat is None:
            yield from _field_rows(field, data)
            continue
        for index, item in enumerate(data.items, start=1):
            for sub in field.fields:
                yield (sub.number, f"Item {index} ({item.name}): {sub.label}",
                       "\n".join(item_entry(sub, item).lines))
