"""A stored application's record as it would be once what is typed in the wizard is saved:
the texts, the blocks recorded by id and the item lines' entries, so the checker can judge
what is on screen before it is stored (the same check as ``licenseapp check``)."""

from __future__ import annotations

import dataclasses

from licenseapp.domain.draft_form import DraftForm, normalized
from licenseapp.domain.record import ApplicationRecord

#: The values typed in the wizard that the record carries as they are.
TEXTS = ("end_use", "justification", "additional_info", "special_purpose", "loe_text",
         "tcp_text")


def same_parties(form: DraftForm, stored: DraftForm) -> bool:
    """Whether ``form`` keeps the stored draft's form, applicant, person and item lines (what
    the record reads from other records: a change of them is judged once it is saved)."""
    return ((form.regulator, form.form, form.organization_id, form.person_id)
            == (stored.regulator, stored.form, stored.organization_id, stored.person_id)
            and [i.item_id for i in form.items] == [i.item_id for i in stored.items])


def as_typed(record: ApplicationRecord, form: DraftForm) -> ApplicationRecord:
    """``record`` with ``form``'s typed values (as saving would store them); the form must
    keep the record's parties and item lines (:func:`same_parties`)."""
    form = normalized(form)
    items = tuple(dataclasses.replace(
        line, eccn=typed.eccn, ccats=typed.ccats, model_number=typed.model_number,
        technical_description=typed.technical_description, form_values=typed.form_values)
        for line, typed in zip(record.items, form.items, strict=True))
    return dataclasses.replace(record, items=items, form_values=form.form_values,
                               **{name: getattr(form, name) for name in TEXTS})
