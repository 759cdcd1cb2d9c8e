"""Loading rule-set files (``<id>.json``) from a list of directories, validated on load.

The shipped rule sets live in ``resources/rulesets/``; a user may add files in a directory
of their own, passed after it: a later directory's file with the same id replaces the
earlier one (so an organization can edit a citation or a policy text without touching the
installed files). Each problem is reported with the file, the line and the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from licenseapp import paths
from licenseapp.domain import validators
from licenseapp.domain.countries import is_country_code
from licenseapp.domain.enums import FormType, Regulator
from licenseapp.domain.rules.json_fields import DataFileError, Document, Obj, choose
from licenseapp.domain.rules.json_positions import JsonSyntaxError
from licenseapp.domain.rules.json_positions import Path as JsonPath
from licenseapp.domain.rules.json_positions import parse as parse_json
from licenseapp.domain.rules.ruleset import (
    Citation,
    CoveredPersons,
    DecidingCountry,
    DecidingRule,
    Embargo,
    FootnoteControl,
    ItemScope,
    Licensing,
    LicensingMethod,
    PersonCategory,
    ReasonInfo,
    RuleOutcome,
    RuleSet,
    SpecialControl,
    StatelessFallback,
)
from licenseapp.errors import ValidationError

FORMAT = 1
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
_TOP = ("format", "id", "version", "title", "authority", "regulator", "form", "effective_from",
        "effective_to", "citations", "note", "covered_persons", "items", "deciding_country",
        "licensing")
_CITATION = ("cite", "title", "user_editable", "unconfirmed")

RuleSetError = DataFileError


def shipped_rulesets_dir() -> Path:
    return paths.resource_path("rulesets")


def load_rulesets(directories: Sequence[Path | str] | None = None) -> tuple[RuleSet, ...]:
    """Every rule set in ``directories`` (default: the shipped ones), ordered by effective date.

    Directories that do not exist are skipped. Loaded once per directory list (cached);
    call :func:`clear_cache` after editing a file.
    """
    dirs = (shipped_rulesets_dir(),) if directories is None else tuple(directories)
    return _load(tuple(str(Path(d)) for d in dirs))


def clear_cache() -> None:
    _load.cache_clear()


def find_ruleset(rulesets: Iterable[RuleSet], ruleset_id: str, field: str = "ruleset"
                 ) -> RuleSet:
    wanted = ruleset_id.strip().lower()
    known = list(rulesets)
    for ruleset in known:
        if ruleset.id == wanted:
            return ruleset
    names = ", ".join(r.id for r in known) or "none"
    raise ValidationError(field, f"no rule set {ruleset_id!r}; known rule sets: {names}")


@cache
def _load(directories: tuple[str, ...]) -> tuple[RuleSet, ...]:
    by_id: dict[str, RuleSet] = {}
    for directory in directories:
        folder = Path(directory)
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.json")):
            ruleset = load_ruleset_file(file)
            by_id[ruleset.id] = ruleset
    return tuple(sorted(by_id.values(), key=lambda r: (r.effective_from, r.id)))


def load_ruleset_file(file: Path) -> RuleSet:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(file), None, "(file)", f"cannot be read: {exc}") from None
    return parse_ruleset(text, str(file), expected_id=file.stem)


def parse_ruleset(text: str, file: str, expected_id: str | None = None) -> RuleSet:
    try:
        data, positions = parse_json(text)
    except JsonSyntaxError as exc:
        raise DataFileError(
            file, exc.line, "(syntax)", f"not valid JSON at column {exc.column}: {exc.message}"
        ) from None
    doc = Document(file, positions)
    top = Obj(doc, (), data, _TOP)
    fmt = top.value.get("format", FORMAT)
    if fmt != FORMAT:
        top.fail("format", f"format {fmt!r} is not supported; this version reads format {FORMAT}")
    ruleset_id = top.text("id")
    if not _ID.match(ruleset_id):
        top.fail("id", f"{ruleset_id!r} is not an id: lower-case letters, digits and dashes")
    if expected_id is not None and ruleset_id != expected_id:
        top.fail("id", f"{ruleset_id!r} does not match the file name {expected_id}.json")
    effective_from = top.date("effective_from")
    effective_to = top.date("effective_to", required=False)
    assert effective_from is not None
    if effective_to is not None and effective_to < effective_from:
        top.fail("effective_to", f"{effective_to} is before effective_from {effective_from}")
    regulator = top.choice("regulator", Regulator)
    form = top.choice("form", FormType)
    assert regulator is not None and form is not None
    return RuleSet(
        id=ruleset_id,
        version=top.text("version", required=False, default="1"),
        title=top.text("title"),
        authority=top.text("authority"),
        regulator=regulator.value,
        form=form.value,
        effective_from=effective_from,
        effective_to=effective_to,
        citations=_citations(top, "citations"),
        covered=_covered(top.obj("covered_persons", ("description", "not_covered", "citations",
                                                     "countries", "country_groups"))),
        items=_items(top.obj("items", _ITEMS)),
        deciding=_deciding(
            top.obj("deciding_country", ("rule", "stateless_fallback", "citations"))
        ),
        licensing=_licensing(top.obj("licensing", _LICENSING)),
        note=top.text("note", required=False),
        source=file,
    )


def _citations(obj: Obj, key: str) -> tuple[Citation, ...]:
    out: list[Citation] = []
    for i, item in enumerate(obj.array(key)):
        if isinstance(item, str) and item.strip():
            out.append(Citation(item.strip()))
            continue
        c = Obj(obj.doc, (*obj.at(key), i), item, _CITATION)
        out.append(Citation(c.text("cite"), c.text("title", required=False),
                            c.boolean("user_editable"), c.text("unconfirmed", required=False)))
    return tuple(out)


def _covered(obj: Obj) -> CoveredPersons:
    cats = [choose(obj.doc, (*obj.at("not_covered"), i), v, PersonCategory)
            for i, v in enumerate(obj.array("not_covered"))]
    from licenseapp.domain.rules.reference import GROUPS

    countries = obj.texts("countries", lambda p, v: _country(obj.doc, p, v))
    groups = obj.texts("country_groups", lambda p, v: v.strip().upper() if v.strip().upper()
                       in GROUPS else obj.doc.fail(p, f"{v!r} is not a Country Group; choose "
                                                      f"{', '.join(GROUPS)}"))
    return CoveredPersons(obj.text("description"), frozenset(cats), _citations(obj, "citations"),
                          frozenset(countries), frozenset(groups))


_ITEMS = ("description", "regimes", "eccns", "item_kinds", "modes", "eccn_modes")


def _items(obj: Obj) -> ItemScope:
    from licenseapp.domain.enums import AccessMode, ItemKind, Regime

    regimes = [choose(obj.doc, (*obj.at("regimes"), i), v, Regime).value
               for i, v in enumerate(obj.array("regimes"))]
    kinds = [choose(obj.doc, (*obj.at("item_kinds"), i), v, ItemKind).value
             for i, v in enumerate(obj.array("item_kinds"))]
    eccns = obj.texts("eccns", lambda path, v: v if v == "*" else _eccn(obj.doc, path, v))
    if not regimes:
        obj.fail("regimes", "name at least one regime, e.g. [\"EAR\"]")
    if not eccns and not kinds:
        obj.fail("eccns", "name the ECCNs (or \"*\" for all) or item_kinds the rule set controls")
    modes = [choose(obj.doc, (*obj.at("modes"), i), v, AccessMode).value
             for i, v in enumerate(obj.array("modes"))]
    limits: list[tuple[str, frozenset[str]]] = []
    for code, listed in obj.mapping("eccn_modes").items():
        path = (*obj.at("eccn_modes"), code)
        eccn = _eccn(obj.doc, path, code)
        if not isinstance(listed, list) or not listed:
            obj.doc.fail(path, "list the access modes, e.g. [\"parameters\"]")
        limits.append((eccn, frozenset(choose(obj.doc, (*path, i), v, AccessMode).value
                                       for i, v in enumerate(listed))))
    return ItemScope(frozenset(regimes), "*" in eccns, frozenset(e for e in eccns if e != "*"),
                     frozenset(kinds), obj.text("description", required=False),
                     frozenset(modes), tuple(limits))


def _deciding(obj: Obj) -> DecidingCountry:
    rule = obj.choice("rule", DecidingRule)
    assert rule is not None
    fallback = tuple(choose(obj.doc, (*obj.at("stateless_fallback"), i), v, StatelessFallback)
                     for i, v in enumerate(obj.array("stateless_fallback")))
    return DecidingCountry(rule, fallback, _citations(obj, "citations"))


_LICENSING = ("method", "policy", "citations", "reasons", "embargoes", "footnote_controls",
              "special_controls", "unresolved", "country_aliases", "alias_citations")


def _licensing(obj: Obj) -> Licensing:
    method = obj.choice("method", LicensingMethod)
    assert method is not None
    reasons: dict[str, ReasonInfo] = {}
    for code in obj.mapping("reasons"):
        r = Obj(obj.doc, (*obj.at("reasons"), code), obj.value["reasons"][code],
                ("name", "citation"))
        reasons[code] = ReasonInfo(code, r.text("name"), r.text("citation"))
    embargoes: dict[str, Embargo] = {}
    for code in obj.mapping("embargoes"):
        path = (*obj.at("embargoes"), code)
        country = _country(obj.doc, path, code)
        e = Obj(obj.doc, path, obj.value["embargoes"][code],
                ("all_items", "reasons", "ear99", "citations", "note", "unconfirmed"))
        embargoes[country] = Embargo(
            country, e.boolean("all_items"), frozenset(e.texts("reasons")), e.boolean("ear99"),
            _citations(e, "citations"), e.text("note", required=False),
            e.text("unconfirmed", required=False))
        if not e.value.get("all_items") and not e.value.get("reasons"):
            e.fail("reasons", "give the reasons for control that need a license, or all_items")
    footnotes = tuple(
        FootnoteControl(f.text("footnote"),
                        f.texts("eccns", lambda p, v: _eccn(obj.doc, p, v)),
                        _citations(f, "citations"), f.text("note", required=False),
                        f.text("unconfirmed", required=False))
        for f in obj.objects("footnote_controls",
                             ("footnote", "eccns", "citations", "note", "unconfirmed")))
    aliases = {
        _country(obj.doc, (*obj.at("country_aliases"), k), k):
            _country(obj.doc, (*obj.at("country_aliases"), k), str(v))
        for k, v in obj.mapping("country_aliases").items()
    }
    unresolved = obj.choice("unresolved", RuleOutcome, required=False) or RuleOutcome.UNKNOWN
    return Licensing(
        method=method,
        policy=obj.text("policy"),
        citations=_citations(obj, "citations"),
        reasons=reasons,
        embargoes=embargoes,
        footnote_controls=footnotes,
        special_controls=tuple(_special(s) for s in obj.objects("special_controls", _SPECIAL)),
        unresolved=unresolved,
        country_aliases=aliases,
        alias_citations=_citations(obj, "alias_citations"),
    )


_SPECIAL = ("match", "outcome", "countries", "except_countries", "footnote", "note", "citations",
            "unconfirmed")


def _special(s: Obj) -> SpecialControl:
    pattern = s.text("match")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        s.fail("match", f"{pattern!r} is not a regular expression: {exc}")
    outcome = s.choice("outcome", RuleOutcome)
    assert outcome is not None
    countries = s.texts("countries", lambda p, v: _country(s.doc, p, v))
    excepted = s.texts("except_countries", lambda p, v: _country(s.doc, p, v))
    return SpecialControl(
        pattern=compiled,
        outcome=outcome,
        countries=frozenset(countries) if s.has("countries") else None,
        footnote=s.text("footnote", required=False) or None,
        note=s.text("note"),
        except_countries=frozenset(excepted),
        citations=_citations(s, "citations"),
        unconfirmed=s.text("unconfirmed", required=False),
    )


def _country(doc: Document, path: JsonPath, value: str) -> str:
    code = value.strip().upper()
    if not is_country_code(code):
        doc.fail(path, f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return code


def _eccn(doc: Document, path: JsonPath, value: str) -> str:
    if not validators.is_eccn(value):
        doc.fail(path, f"{value!r} is not an ECCN (e.g. 3E001, 4E091, 3A090.a, EAR99)")
    return validators.eccn(value)
