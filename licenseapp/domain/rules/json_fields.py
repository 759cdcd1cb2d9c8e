"""Typed reading of a parsed JSON document, failing with file, line and field."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from typing import Any, NoReturn, TypeVar

from licenseapp.domain.rules.json_positions import Path, field_name
from licenseapp.errors import LicenseAppError

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class DataFileError(LicenseAppError):
    """A data file (rule set, reference table) that cannot be used, said precisely."""

    def __init__(self, file: str, line: int | None, field: str, message: str) -> None:
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {field}: {message}")
        self.file = file
        self.line = line
        self.field = field
        self.detail = message


class Document:
    def __init__(self, file: str, positions: dict[Path, int]) -> None:
        self.file = file
        self.positions = positions

    def line(self, path: Path) -> int | None:
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return None
            path = path[:-1]

    def fail(self, path: Path, message: str) -> NoReturn:
        raise DataFileError(self.file, self.line(path), field_name(path), message)


class Obj:
    """A JSON object at ``path``; every accessor checks the type and names what is wrong."""

    def __init__(self, doc: Document, path: Path, value: Any, allowed: Iterable[str]) -> None:
        self.doc = doc
        self.path = path
        if not isinstance(value, dict):
            doc.fail(path, f"must be an object {{...}}, not {_kind(value)}")
        self.value: dict[str, Any] = value
        known = set(allowed)
        for key in value:
            if key not in known and not key.startswith("_"):
                names = ", ".join(sorted(known))
                doc.fail((*path, key), f"unknown field; expected one of {names}")

    def at(self, key: str | int) -> Path:
        return (*self.path, key)

    def fail(self, key: str, message: str) -> NoReturn:
        self.doc.fail(self.at(key), message)

    def has(self, key: str) -> bool:
        return self.value.get(key) is not None

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.value or self.value[key] is None:
            if required:
                self.doc.fail(self.path, f"the field {key!r} is required")
            return None
        return self.value[key]

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(key, f"must be a non-empty text, not {_kind(value)}")
        return value.strip()

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {_kind(value)}")
        return value

    def date(self, key: str, required: bool = True) -> date | None:
        value = self._get(key, required)
        if value is None:
            return None
        try:
            return date.fromisoformat(value) if isinstance(value, str) else _not_a_date(value)
        except ValueError:
            self.fail(key, f"{value!r} is not a date; write it as YYYY-MM-DD")

    def choice(self, key: str, enum: type[E], required: bool = True) -> E | None:
        value = self._get(key, required)
        if value is None:
            return None
        return choose(self.doc, self.at(key), value, enum)

    def texts(self, key: str, check: Callable[[Path, str], str] | None = None) -> tuple[str, ...]:
        """A list of texts (absent = empty); ``check`` validates and normalises each."""
        out: list[str] = []
        for i, item in enumerate(self.array(key)):
            if not isinstance(item, str) or not item.strip():
                self.doc.fail((*self.at(key), i), f"must be a non-empty text, not {_kind(item)}")
            out.append(check((*self.at(key), i), item.strip()) if check else item.strip())
        return tuple(out)

    def array(self, key: str) -> list[Any]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, f"must be a list [...], not {_kind(value)}")
        return value

    def obj(self, key: str, allowed: Iterable[str]) -> Obj:
        return Obj(self.doc, self.at(key), self._get(key, True), allowed)

    def optional_obj(self, key: str, allowed: Iterable[str]) -> Obj | None:
        value = self._get(key, False)
        return None if value is None else Obj(self.doc, self.at(key), value, allowed)

    def objects(self, key: str, allowed: Iterable[str]) -> list[Obj]:
        allowed = tuple(allowed)
        return [
            Obj(self.doc, (*self.at(key), i), item, allowed)
            for i, item in enumerate(self.array(key))
        ]

    def mapping(self, key: str) -> dict[str, Any]:
        value = self._get(key, False)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(key, f"must be an object {{...}}, not {_kind(value)}")
        return value


def choose(doc: Document, path: Path, value: Any, enum: type[E]) -> E:
    try:
        return enum(value)
    except ValueError:
        names = ", ".join(e.value for e in enum)
        doc.fail(path, f"{value!r} is not one of {names}")


def _not_a_date(value: Any) -> date:
    raise ValueError(value)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "a text",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)
