"""What a new database holds."""

from __future__ import annotations

from licenseapp.services.catalog.getting_started import setup_state


def test_an_empty_database_has_nothing_yet(db) -> None:
    state = setup_state(db)
    assert state.is_empty and not state.has_profile and state.company == ""


def test_the_counts_follow_what_is_recorded(db) -> None:
    from licenseapp.domain.organization_form import OrganizationForm
    from licenseapp.domain.person_form import PersonForm
    from licenseapp.services.catalog.organizations import save_organization
    from licenseapp.services.catalog.people import save_person

    save_organization(db, OrganizationForm(legal_name="Northwind Frontier AI, Inc."))
    save_organization(db, OrganizationForm(legal_name="Aldergrove Aerospace UK Limited",
                                           country="GB"))
    save_person(db, PersonForm(given_name="Ana", family_name="Souza"))
    state = setup_state(db)
    assert (state.organizations, state.people, state.items, state.grants,
            state.applications) == (2, 1, 0, 0, 0)
    assert state.has_profile and state.company == "Northwind Frontier AI, Inc."
