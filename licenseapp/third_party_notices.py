"""The licences of the third-party software and fonts the program ships (Help › About).

Collected from the installed distributions' own metadata (name, version, licence, licence
files), following the run-time requirements of ``licenseapp`` itself, so a test or build tool
installed beside it is never listed. The bundle build writes the text once into the bundle
(packaging/licenseapp.spec), where the metadata is gone; run from an installed source tree the
same text is collected on the spot.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from licenseapp import paths

#: The file the bundle build writes, in the resources folder.
SHIPPED_FILE = ("licences", "THIRD-PARTY-NOTICES.txt")
#: Distributions used under the LGPL-3.0 (Qt for Python and the Qt libraries inside it),
#: whose wheels carry no licence text: the shipped LGPL and GPL texts go with them.
_QT_DISTRIBUTIONS = ("pyside6", "shiboken6")
_EXTRAS = frozenset({"postgres", "binary"})  # the PostgreSQL driver the bundle carries
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?")
_RULE = "=" * 78


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _wanted(requirement: str) -> tuple[str, frozenset[str]] | None:
    """The distribution a requirement names, with its extras; None for a requirement that
    only an extra the program does not use asks for."""
    spec, _, marker = requirement.partition(";")
    extra = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
    if extra is not None and extra.group(1) not in _EXTRAS:
        return None
    match = _NAME.match(spec)
    if match is None:
        return None
    extras = frozenset(e.strip() for e in (match.group(2) or "[]")[1:-1].split(",") if e.strip())
    return match.group(1), extras


def runtime_distributions(root: str = "licenseapp") -> list[metadata.Distribution]:
    """``root`` and every installed distribution it needs at run time, by name."""
    found: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        if _key(name) in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python
        found[_key(name)] = dist
        for requirement in dist.requires or []:
            wanted = _wanted(requirement)
            if wanted is not None:
                todo.append(wanted[0])
    return sorted((d for k, d in found.items() if k != _key(root)),
                  key=lambda d: _key(d.metadata["Name"]))


def _licence_files(dist: metadata.Distribution) -> list[tuple[str, str]]:
    texts = []
    for file in dist.files or []:
        name = file.name.lower()
        in_metadata = ".dist-info" in str(file.parent)
        if in_metadata and name.startswith(("licen", "copying", "notice", "authors")):
            texts.append((file.name, file.read_text(encoding="utf-8")))
    return texts


def _field(dist: metadata.Distribution, name: str) -> str:
    values = dist.metadata.get_all(name) or []
    return str(values[0]) if values else ""


def _home_page(dist: metadata.Distribution) -> str:
    """The project's home or source page: Home-page, else the Project-URL so labelled."""
    urls: dict[str, str] = {}
    for entry in dist.metadata.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    for label in ("homepage", "home", "source", "source code", "repository", "github"):
        if label in urls:
            return urls[label]
    return _field(dist, "Home-page") or next(iter(urls.values()), "")


def _licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = _field(dist, "License-Expression")
    if expression:
        return expression
    licence = _field(dist, "License").strip()
    if licence and "\n" not in licence and len(licence) < 100:
        return licence
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return ", ".join(classifiers) or "see the text below"


def _section(title: str, body: str) -> str:
    return f"{_RULE}\n{title}\n{_RULE}\n{body.rstrip()}\n\n"


def collect() -> str:
    """The notices of the installed run-time distributions, Python, and the shipped fonts."""
    dists = runtime_distributions()
    parts = ["LicenseApp includes the following third-party software and fonts, each under "
             "its own licence; the texts follow.\n\n",
             *(f"  {d.metadata['Name']} {d.version} ({_licence_of(d)})\n" for d in dists),
             "\n"]
    qt_used = False
    for dist in dists:
        name, version = dist.metadata["Name"], dist.version
        home = _home_page(dist)
        header = f"{name} {version}\nLicence: {_licence_of(dist)}" + (f"\n{home}" if home else "")
        files = _licence_files(dist)
        if _key(name).startswith(_QT_DISTRIBUTIONS):
            qt_used = True
            files.append(("", "Used under the GNU Lesser General Public License v3 (LGPL-3.0); "
                              "the texts of the LGPL-3.0 and the GPL-3.0 it builds on are at "
                              "the end of this file. The Qt libraries inside are (c) The Qt "
                              "Company Ltd and other contributors, under the same terms."))
        body = "\n\n".join(f"--- {file} ---\n{text}" if file else text for file, text in files)
        parts.append(_section(header, body or "(no licence file in its metadata)"))
    parts.append(_python_notice())
    fonts = paths.resource_path("fonts")
    for text_file in sorted(fonts.glob("*.txt")):
        if text_file.name.startswith(("LICENSE", "OFL")):
            parts.append(_section(f"Font licence: {text_file.name}",
                                  text_file.read_text(encoding="utf-8")))
    if qt_used:
        for text in ("LGPL-3.0.txt", "GPL-3.0.txt"):
            parts.append(_section(text.removesuffix(".txt"), paths.resource_path(
                "licences", text).read_text(encoding="utf-8")))
    return "".join(parts)


def _python_notice() -> str:
    version = ".".join(str(part) for part in sys.version_info[:3])
    lib = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    for candidate in (lib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if candidate.is_file():
            return _section(f"Python {version}\nLicence: PSF-2.0",
                            candidate.read_text(encoding="utf-8", errors="replace"))
    return _section(f"Python {version}\nLicence: PSF-2.0",
                    "The Python Software Foundation License; https://docs.python.org/3/license.html")


def notices() -> str:
    """The notices shipped with the bundle, or (run from an install) collected now."""
    shipped = paths.resource_path(*SHIPPED_FILE)
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    return collect()
