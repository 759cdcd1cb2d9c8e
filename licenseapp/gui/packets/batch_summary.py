"""What a finished batch of packets is summed up as: a headline and the details under it."""

from __future__ import annotations

from dataclasses import dataclass

from licenseapp.services.output.packet_files import PacketBatch


def _packets(n: int) -> str:
    return f"{n} packet" if n == 1 else f"{n} packets"


@dataclass(frozen=True)
class BatchSummary:
    headline: str
    details: tuple[str, ...]
    failures: tuple[tuple[str, str], ...]  # (ref, why)
    ok: bool  # everything asked for was saved


def summarize(batch: PacketBatch) -> BatchSummary:
    saved, failed, skipped = len(batch.saved), len(batch.failed), len(batch.not_started)
    if saved == batch.total:
        headline = f"{_packets(saved)} saved."
    elif saved == 0:
        headline = "No packet was saved."
    else:
        headline = f"{saved} of {_packets(batch.total)} saved."
    details = []
    if saved:
        details.append(f"Saved in {batch.folder}")
        replaced = sum(1 for s in batch.saved if s.replaced)
        if replaced:
            details.append(f"{_packets(replaced)} replaced files of the same name.")
    if skipped:
        details.append(f"Cancelled: {_packets(skipped)} not started "
                       f"({', '.join(batch.not_started[:5])}{'…' if skipped > 5 else ''}).")
    if failed:
        details.append(f"{_packets(failed)} could not be saved:")
    return BatchSummary(
        headline, tuple(details), tuple((f.ref, f.reason) for f in batch.failed),
        ok=saved == batch.total,
    )
