"""What reading a report proposes (metadata and recommendations), and saving it once the
user has confirmed: the report, its recommendations and any new bodies in one command."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..backups import make_backup
from ..bodies import BodyIndex
from ..changes import ChangeSet, History, run_change
from ..dates import iso
from ..duplicates import file_checksum
from ..errors import UserError
from ..progress import Progress
from ..register import add_recommendation, body_index, create_body, create_report
from ..store import Store
from .bodies_in_text import main_body
from .finder import find_recommendations
from .metadata import Metadata, read_metadata
from .text import clean_text, read_report


@dataclass
class ProposedRecommendation:
    text: str
    bodies: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    check_bodies: bool = False  # the text names no body: the report's audited body was taken, for the user to check


@dataclass
class Proposal(Metadata):
    """What a report's text suggests: its metadata, as read or as the user corrected it,
    and the recommendations found."""

    text: str = ""
    source_file: str | None = None
    recommendations: list[ProposedRecommendation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what could not be read (pages without text)

    def new_bodies(self, index: BodyIndex) -> list[str]:
        names: list[str] = []
        for rec in self.recommendations:
            names += [b for b in rec.bodies if index.find(b) is None and b not in names]
        return names

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "organisation": self.organisation,
            "report_date": iso(self.report_date) or self.report_month,
            "audit_year": self.audit_year,
            "author": self.author,
            "reply_deadline": iso(self.reply_deadline),
            "audited_body": self.audited_body,
            "recommendations": [
                {"number": n, "text": r.text, "bodies": r.bodies} | ({"check_bodies": True} if r.check_bodies else {})
                for n, r in enumerate(self.recommendations, 1)
            ],
            "warnings": self.warnings,
        }


def propose(text: str, index: BodyIndex, source_file: str | None = None, warnings: list[str] | None = None) -> Proposal:
    """Everything the text suggests; nothing is stored."""
    meta = read_metadata(text)
    meta.title = meta.title or (Path(source_file).stem if source_file else None)
    meta.audited_body = main_body(text, index)
    found = find_recommendations(text, index, meta.audited_body)
    recs = [ProposedRecommendation(f.text, list(f.bodies), list(f.spans), f.check_bodies) for f in found]
    return Proposal(**vars(meta), text=text, source_file=source_file, recommendations=recs, warnings=warnings or [])


def propose_file(path: Path | str, index: BodyIndex, progress: Progress | None = None) -> Proposal:
    """A report file's proposal; progress(page, pages) follows a PDF's pages and stops on False."""
    report = read_report(path, progress)
    return propose(report.text, index, source_file=str(path), warnings=report.warnings)


def propose_pasted(text: str, index: BodyIndex) -> Proposal:
    cleaned = clean_text(text)
    if not cleaned.strip():
        raise UserError("Det finns ingen text att läsa.")
    return propose(cleaned, index)


def apply_proposal(cs: ChangeSet, proposal: Proposal) -> int:
    """Create the report, its recommendations and the bodies not yet in the register."""
    if not proposal.title or not proposal.title.strip():
        raise UserError("Granskningen måste ha en titel.")
    index = body_index(cs.store)
    ids: dict[str, int] = {}
    for rec in proposal.recommendations:
        for name in rec.bodies:
            if name in ids:
                continue
            body = index.find(name)
            ids[name] = body.id if body else create_body(cs, name)
    report_id = create_report(
        cs, proposal.title, organisation=proposal.organisation, report_date=proposal.report_date,
        audit_year=proposal.audit_year, author=proposal.author, reply_deadline=proposal.reply_deadline,
        source_file=proposal.source_file, source_checksum=_checksum(proposal.source_file),
    )  # fmt: skip
    for number, rec in enumerate(proposal.recommendations, 1):
        add_recommendation(cs, report_id, rec.text, [ids[b] for b in rec.bodies], number=number)
    return report_id


def _checksum(source_file: str | None) -> str | None:
    """The read file's checksum, so reading it again is recognised (core/duplicates.py)."""
    return file_checksum(source_file) if source_file and Path(source_file).is_file() else None


def save_proposal(store: Store, proposal: Proposal, history: History | None = None) -> tuple[int, set[int]]:
    """Back up, then store the confirmed proposal as one undoable command."""
    make_backup(store, "före inläsning av granskningsrapport")
    label = f"Läs in granskning ”{proposal.title}”"
    if history is not None:
        return history.run(label, lambda cs: apply_proposal(cs, proposal), source=proposal.source_file)
    report_id, command = run_change(store, label, lambda cs: apply_proposal(cs, proposal), source=proposal.source_file)
    return report_id, command.touched
