"""What makes a printed document archival (PDF/A-2b) and self-describing: its language, XMP
metadata that repeats the document information (title, author, subject, dates) and claims
PDF/A-2b, the sRGB output intent its RGB colours are measured against, and stream ends as
PDF/A writes them.

ReportLab has the pieces (a catalog /Lang and /Metadata, an XMP stream) but no PDF/A mode:
the output intent is added to the catalog here, and each stream's data is followed by an end
of line before ``endstream`` (ISO 19005-2, 6.1.7.1), which ReportLab leaves out.

A claim holds for what this program draws. Pages of an applicant's own PDF laid into a packet
are not known to conform: :func:`withdraw_claim` takes the claim back from such a file.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc

from licenseapp import paths

LANGUAGE = "en-US"
ICC_PROFILE = ("color", "sRGB.icc")
_CLAIM = re.compile(rb"\s*<pdfaid:(part|conformance)>[^<]*</pdfaid:\1>")


@cache
def _icc_profile() -> bytes:
    return paths.resource_path(*ICC_PROFILE).read_bytes()


def _xmp_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def xmp(*, title: str, author: str, subject: str, creator: str, producer: str,
        moment: datetime, keywords: str = "") -> str:
    """The XMP packet: the document information in XMP's words, and the PDF/A-2b claim."""
    when = _xmp_date(moment)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
   <pdf:Keywords>{escape(keywords)}</pdf:Keywords>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""  # noqa: E501 - one XMP property a line


class _Catalog(pdfdoc.PDFCatalog):  # type: ignore[misc]  # ReportLab is untyped
    """ReportLab's document catalog, with the /OutputIntents it does not know."""

    __NoDefault__ = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents"]


def declare(doc: Any, *, moment: datetime) -> None:
    """Give a ReportLab document (``canvas._doc``) its language, its XMP metadata (from its
    document information, which must be set first) and the sRGB output intent."""
    catalog = doc.Catalog
    catalog.__class__ = _Catalog
    catalog.Lang = pdfdoc.PDFString(LANGUAGE)
    info = doc.info
    packet = xmp(title=info.title, author=info.author, subject=info.subject,
                 creator=info.creator, producer=info.producer, moment=moment,
                 keywords=info.keywords)
    data = packet.encode("utf-8")
    catalog.Metadata = pdfdoc.XMP(creator=lambda _doc: data)
    profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 3}), _icc_profile(),
                               filters=[pdfdoc.PDFZCompress])
    catalog.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"),
        "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString("sRGB IEC61966-2.1"),
        "Info": pdfdoc.PDFString("sRGB IEC61966-2.1"),
        "DestOutputProfile": doc.Reference(profile, "sRGBOutputProfile"),
    })])


def withdraw_claim(xmp_bytes: bytes) -> bytes:
    """The XMP packet without its PDF/A claim (the rest of the metadata stays)."""
    return _CLAIM.sub(b"", xmp_bytes)


_streams_fixed = False


def install_stream_ends() -> None:
    """Write an end of line between each stream's data and ``endstream``, outside /Length
    (once per process)."""
    global _streams_fixed
    if _streams_fixed:
        return
    format_stream = pdfdoc.PDFStream.format

    def with_end_of_line(self: Any, document: Any) -> bytes:
        out: bytes = format_stream(self, document)
        if out.endswith(b"endstream\n"):
            out = out[: -len(b"endstream\n")] + b"\nendstream\n"
        return out

    pdfdoc.PDFStream.format = with_end_of_line
    _streams_fixed = True
