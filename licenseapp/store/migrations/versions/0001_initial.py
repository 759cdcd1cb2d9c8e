"""initial schema for the whole mission

Revision ID: 0001_initial
Revises: (none)
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("before_json", sa.Text(), nullable=False),
        sa.Column("after_json", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("completed_by", sa.String(length=100), nullable=False),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadlines")),
        sa.UniqueConstraint("key", name=op.f("uq_deadlines_key")),
    )
    op.create_table(
        "licenseapp_meta",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_licenseapp_meta")),
    )
    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=100), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("fax", sa.String(length=40), nullable=False),
        sa.Column("ein", sa.String(length=20), nullable=False),
        sa.Column("snapr_cin", sa.String(length=20), nullable=False),
        sa.Column("ddtc_code", sa.String(length=20), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("contact_phone", sa.String(length=40), nullable=False),
        sa.Column("contact_email", sa.String(length=200), nullable=False),
        sa.Column("signatory_name", sa.String(length=200), nullable=False),
        sa.Column("signatory_title", sa.String(length=200), nullable=False),
        sa.Column("default_loe_template", sa.Text(), nullable=False),
        sa.Column("default_tcp_template", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("legal_name", name=op.f("uq_organizations_legal_name")),
    )
    op.create_table(
        "regulators",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("portal", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_regulators")),
    )
    op.create_table(
        "rule_sets",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("authority", sa.String(length=200), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("activated_at", sa.DateTime(), nullable=True),
        sa.Column("activated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_sets")),
    )
    op.create_table(
        "controlled_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("regime", sa.String(length=10), nullable=False),
        sa.Column("classification", sa.String(length=30), nullable=False),
        sa.Column("reasons_for_control", sa.String(length=100), nullable=False),
        sa.Column("ccats", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_org_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_org_id"],
            ["organizations.id"],
            name=op.f("fk_controlled_items_owner_org_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_controlled_items")),
        sa.UniqueConstraint("ref", name=op.f("uq_controlled_items_ref")),
    )
    with op.batch_alter_table("controlled_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_controlled_items_classification"), ["classification"], unique=False
        )

    op.create_table(
        "form_types",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("regulator_code", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["regulator_code"],
            ["regulators.code"],
            name=op.f("fk_form_types_regulator_code_regulators"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_form_types")),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=20), nullable=False),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("native_name", sa.String(length=300), nullable=False),
        sa.Column("other_names", sa.String(length=500), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("birth_city", sa.String(length=100), nullable=False),
        sa.Column("birth_country", sa.String(length=2), nullable=True),
        sa.Column("residency_country", sa.String(length=2), nullable=True),
        sa.Column("lpr_since", sa.Date(), nullable=True),
        sa.Column("immigration_status", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=True),
        sa.Column("job_title", sa.String(length=200), nullable=False),
        sa.Column("duties", sa.Text(), nullable=False),
        sa.Column("supervisor", sa.String(length=200), nullable=False),
        sa.Column("work_site", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["organizations.id"],
            name=op.f("fk_people_employer_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("ref", name=op.f("uq_people_ref")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_family_name"), ["family_name"], unique=False)

    op.create_table(
        "access_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=True),
        sa.Column("granted_at", sa.DateTime(), nullable=True),
        sa.Column("suspended_at", sa.DateTime(), nullable=True),
        sa.Column("suspended_by", sa.String(length=100), nullable=False),
        sa.Column("suspended_reason", sa.Text(), nullable=False),
        sa.Column("suspended_ruleset_id", sa.String(length=80), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["controlled_items.id"],
            name=op.f("fk_access_grants_item_id_controlled_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_access_grants_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_grants")),
        sa.UniqueConstraint(
            "person_id", "item_id", name=op.f("uq_access_grants_person_id_item_id")
        ),
    )
    with op.batch_alter_table("access_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_grants_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_grants_person_id"), ["person_id"], unique=False)

    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=20), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("regulator_code", sa.String(length=10), nullable=False),
        sa.Column("form_code", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(), nullable=False),
        sa.Column("regulator_ref", sa.String(length=40), nullable=False),
        sa.Column("transaction_no", sa.String(length=40), nullable=False),
        sa.Column("ruleset_id", sa.String(length=80), nullable=True),
        sa.Column("resubmission_of_id", sa.Integer(), nullable=True),
        sa.Column("renewal_of_id", sa.Integer(), nullable=True),
        sa.Column("application_type", sa.String(length=20), nullable=False),
        sa.Column("special_purpose", sa.String(length=200), nullable=False),
        sa.Column("documents_submitted", sa.String(length=300), nullable=False),
        sa.Column("end_use", sa.Text(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("additional_info", sa.Text(), nullable=False),
        sa.Column("loe_text", sa.Text(), nullable=False),
        sa.Column("tcp_text", sa.Text(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("packet_sha256", sa.String(length=64), nullable=False),
        sa.Column("acknowledged_warnings", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_code"], ["form_types.code"], name=op.f("fk_applications_form_code_form_types")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_applications_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_applications_person_id_people"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["regulator_code"],
            ["regulators.code"],
            name=op.f("fk_applications_regulator_code_regulators"),
        ),
        sa.ForeignKeyConstraint(
            ["renewal_of_id"],
            ["applications.id"],
            name=op.f("fk_applications_renewal_of_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["resubmission_of_id"],
            ["applications.id"],
            name=op.f("fk_applications_resubmission_of_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint("ref", name=op.f("uq_applications_ref")),
    )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_applications_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_applications_owner"), ["owner"], unique=False)
        batch_op.create_index(batch_op.f("ix_applications_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_applications_regulator_ref"), ["regulator_ref"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_applications_ruleset_id"), ["ruleset_id"], unique=False
        )
        batch_op.create_index(
            "ix_applications_status_regulator", ["status", "regulator_code"], unique=False
        )
        batch_op.create_index("ix_applications_updated_at", ["updated_at"], unique=False)

    op.create_table(
        "citizenships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("acquired_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_citizenships_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizenships")),
        sa.UniqueConstraint("person_id", "country", name=op.f("uq_citizenships_person_id_country")),
    )
    with op.batch_alter_table("citizenships", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_citizenships_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("issuing_country", sa.String(length=2), nullable=True),
        sa.Column("document_class", sa.String(length=20), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_documents_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_documents")),
    )
    with op.batch_alter_table("person_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_documents_expires_on"), ["expires_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_person_documents_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "resume_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("organization", sa.String(length=200), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("start_month", sa.Integer(), nullable=False),
        sa.Column("end_year", sa.Integer(), nullable=True),
        sa.Column("end_month", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_resume_entries_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resume_entries")),
    )
    with op.batch_alter_table("resume_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resume_entries_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "application_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("eccn", sa.String(length=30), nullable=False),
        sa.Column("model_number", sa.String(length=100), nullable=False),
        sa.Column("ccats", sa.String(length=20), nullable=False),
        sa.Column("quantity", sa.String(length=30), nullable=False),
        sa.Column("units", sa.String(length=30), nullable=False),
        sa.Column("unit_price_cents", sa.Integer(), nullable=True),
        sa.Column("total_price_cents", sa.Integer(), nullable=True),
        sa.Column("manufacturer", sa.String(length=200), nullable=False),
        sa.Column("technical_description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_items_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["controlled_items.id"],
            name=op.f("fk_application_items_item_id_controlled_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_items")),
    )
    with op.batch_alter_table("application_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_items_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_application_items_item_id"), ["item_id"], unique=False)

    op.create_table(
        "application_parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=100), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_parties_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_application_parties_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_application_parties_person_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_parties")),
    )
    with op.batch_alter_table("application_parties", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_parties_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=60), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.Column("removed_by", sa.String(length=100), nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_attachments_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_attachments_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"], ["attachments.id"], name=op.f("fk_attachments_replaces_id_attachments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attachments_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attachments_person_id"), ["person_id"], unique=False)

    op.create_table(
        "licenses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("state_reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_licenses_application_id_applications"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_licenses")),
        sa.UniqueConstraint("application_id", name=op.f("uq_licenses_application_id")),
    )
    with op.batch_alter_table("licenses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_licenses_expires_on"), ["expires_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_licenses_number"), ["number"], unique=False)

    op.create_table(
        "status_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=40), nullable=True),
        sa.Column("to_status", sa.String(length=40), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("corrects_event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_status_events_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["corrects_event_id"],
            ["status_events.id"],
            name=op.f("fk_status_events_corrects_event_id_status_events"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_events")),
    )
    with op.batch_alter_table("status_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_status_events_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "license_conditions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("license_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("anniversary_report", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["license_id"],
            ["licenses.id"],
            name=op.f("fk_license_conditions_license_id_licenses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_license_conditions")),
    )
    with op.batch_alter_table("license_conditions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_license_conditions_license_id"), ["license_id"], unique=False
        )

    regulators = sa.table(
        "regulators",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("country", sa.String),
        sa.column("portal", sa.String),
    )
    op.bulk_insert(
        regulators,
        [
            {
                "code": "BIS",
                "name": "Bureau of Industry and Security, U.S. Department of Commerce",
                "country": "US",
                "portal": "SNAP-R",
            },
            {
                "code": "DDTC",
                "name": "Directorate of Defense Trade Controls, U.S. Department of State",
                "country": "US",
                "portal": "DECCS",
            },
            {
                "code": "ECJU",
                "name": "Export Control Joint Unit (UK)",
                "country": "GB",
                "portal": "LITE",
            },
        ],
    )
    form_types = sa.table(
        "form_types",
        sa.column("code", sa.String),
        sa.column("regulator_code", sa.String),
        sa.column("title", sa.String),
    )
    op.bulk_insert(
        form_types,
        [
            {"code": "BIS-748P", "regulator_code": "BIS", "title": "Multipurpose Application"},
            {
                "code": "DSP-5",
                "regulator_code": "DDTC",
                "title": "Application for Permanent Export of Unclassified Defense Articles, "
                "Related Technical Data and Defense Services",
            },
            {
                "code": "SIEL",
                "regulator_code": "ECJU",
                "title": "Standard Individual Export Licence",
            },
        ],
    )


def downgrade() -> None:

    with op.batch_alter_table("license_conditions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_license_conditions_license_id"))

    op.drop_table("license_conditions")
    with op.batch_alter_table("status_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_events_application_id"))

    op.drop_table("status_events")
    with op.batch_alter_table("licenses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_licenses_number"))
        batch_op.drop_index(batch_op.f("ix_licenses_expires_on"))

    op.drop_table("licenses")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_person_id"))
        batch_op.drop_index(batch_op.f("ix_attachments_application_id"))

    op.drop_table("attachments")
    with op.batch_alter_table("application_parties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_parties_application_id"))

    op.drop_table("application_parties")
    with op.batch_alter_table("application_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_items_item_id"))
        batch_op.drop_index(batch_op.f("ix_application_items_application_id"))

    op.drop_table("application_items")
    with op.batch_alter_table("resume_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resume_entries_person_id"))

    op.drop_table("resume_entries")
    with op.batch_alter_table("person_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_documents_person_id"))
        batch_op.drop_index(batch_op.f("ix_person_documents_expires_on"))

    op.drop_table("person_documents")
    with op.batch_alter_table("citizenships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_citizenships_person_id"))

    op.drop_table("citizenships")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_updated_at")
        batch_op.drop_index("ix_applications_status_regulator")
        batch_op.drop_index(batch_op.f("ix_applications_ruleset_id"))
        batch_op.drop_index(batch_op.f("ix_applications_regulator_ref"))
        batch_op.drop_index(batch_op.f("ix_applications_person_id"))
        batch_op.drop_index(batch_op.f("ix_applications_owner"))
        batch_op.drop_index(batch_op.f("ix_applications_organization_id"))

    op.drop_table("applications")
    with op.batch_alter_table("access_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_grants_person_id"))
        batch_op.drop_index(batch_op.f("ix_access_grants_item_id"))

    op.drop_table("access_grants")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_family_name"))
        batch_op.drop_index(batch_op.f("ix_people_employer_id"))

    op.drop_table("people")
    op.drop_table("form_types")
    with op.batch_alter_table("controlled_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_controlled_items_classification"))

    op.drop_table("controlled_items")
    op.drop_table("rule_sets")
    op.drop_table("regulators")
    op.drop_table("organizations")
    op.drop_table("licenseapp_meta")
    op.drop_table("deadlines")
    op.drop_table("audit_entries")
