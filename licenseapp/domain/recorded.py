"""Values of the form blocks the data model has no column for, recorded by the spec's field id.

A form spec names such a block's source ``application.form_values`` (``item.form_values``
for a per-item field): its text is kept with the application (or the item line) under the
field's id, e.g. ``{"b11": "D123456"}``. In the domain's frozen records the values are
:data:`FormValues`: sorted ``(field id, text)`` pairs without empty entries, immutable like the
records carrying them; the database holds them as a JSON object (NULL when there are none).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

#: Values of the blocks recorded by field id: ``(("b11", "D123456"), ("b7", "Other"))``.
FormValues = tuple[tuple[str, str], ...]


def recorded_values(values: Mapping[str, object] | Iterable[tuple[str, object]] | None,
                    keep: Iterable[str] | None = None) -> FormValues:
    """The canonical form of recorded values: text stripped, empty ones left out, sorted by
    field id; only the ids in ``keep`` when it is given. Accepts a mapping (as stored) or
    pairs (as carried by the forms)."""
    if not values:
        return ()
    pairs = values.items() if isinstance(values, Mapping) else values
    wanted = set(keep) if keep is not None else None
    found: dict[str, str] = {}
    for key, value in pairs:
        text = value.strip() if isinstance(value, str) else ""
        if text and (wanted is None or key in wanted):
            found[str(key)] = text
    return tuple(sorted(found.items()))


def value_of(values: FormValues, field_id: str) -> str:
    """The recorded text of one field ("" when none)."""
    return next((text for key, text in values if key == field_id), "")


def with_value(values: FormValues, field_id: str, text: str) -> FormValues:
    """The values with one field set (or cleared, when ``text`` is blank)."""
    return recorded_values([*((k, v) for k, v in values if k != field_id), (field_id, text)])


def as_mapping(values: FormValues) -> dict[str, str] | None:
    """The values as stored in the database: a JSON object, or NULL when there are none."""
    return dict(values) or None


__all__ = ["FormValues", "as_mapping", "recorded_values", "value_of", "with_value"]
