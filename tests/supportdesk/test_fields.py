"""One registry of the records' fields (supportdesk.fields): import, export, merge and the customer form read it.

The round trip over every exported field is in test_exports.py; here, what ties the registry to the rest.
"""

from dataclasses import fields

import pytest

from screens.dialogs.customer_form import CHOICE_FIELDS, TEXT_FIELDS, YES_NO_FIELDS
from screens.merge import FIELD_LABELS
from supportdesk import i18n
from supportdesk.fields import FIELDS, Kind, Type, Use, fields_of, names_of
from supportdesk.importing import COLUMNS
from supportdesk.models import Customer
from supportdesk.services.customers import CUSTOMER_KEYS, CompanyCreate, CustomerCreate
from supportdesk.services.datafiles import exports
from supportdesk.services.disclosure import _CUSTOMER_FIELDS as DISCLOSED
from supportdesk.services.erasure_core import PERSONAL_FIELDS
from supportdesk.services.merge import MERGE_FIELDS


def test_everything_a_person_can_give_a_customer_or_a_company_is_in_the_registry() -> None:
    customer = set(names_of(Kind.CUSTOMERS, Use.READ | Use.MERGE | Use.FORM))
    assert {f.name for f in fields(CustomerCreate)} <= customer
    assert {f.name for f in fields(CompanyCreate)} <= set(names_of(Kind.COMPANIES, Use.READ))


def test_imports_read_and_exports_write_the_registry_columns_in_its_order() -> None:
    for kind in Kind:
        assert tuple(c.field for c in COLUMNS[kind]) == names_of(kind, Use.FILE)
        assert exports.FIELDS[kind] == names_of(kind, Use.WRITE)
        # A column only written is for people to read: an import recognises its header and leaves it alone.
        written_only = {f.name for f in fields_of(kind, Use.WRITE) if Use.READ not in f.uses}
        assert {c.field for c in COLUMNS[kind] if c.info} == written_only


def test_the_merge_and_the_customer_form_show_the_registry_fields() -> None:
    assert names_of(Kind.CUSTOMERS, Use.MERGE) == MERGE_FIELDS == tuple(FIELD_LABELS)
    form = [name for name, _ in TEXT_FIELDS] + [f.name for f in (*CHOICE_FIELDS, *YES_NO_FIELDS)]
    assert sorted(form) == sorted(names_of(Kind.CUSTOMERS, Use.FORM))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_field_a_person_picks_or_types_has_a_label_in_both_languages(lang: str) -> None:
    i18n.set_language(lang)  # the autouse fixture fails the test on a label the catalog lacks, and resets it
    # Unique on each screen that shows them (the merge screen, the form): the company is `company_id` when two
    # records are merged and `company` (typed by name) in the form, under the one word.
    for use in (Use.MERGE, Use.FORM):
        labels = [i18n.t(f.label) for f in fields_of(Kind.CUSTOMERS, use)]
        assert all(labels) and len(set(labels)) == len(labels), use


def test_a_choice_field_names_its_vocabulary_and_others_do_not() -> None:
    for kind in Kind:
        for f in FIELDS[kind]:
            assert (f.holds is Type.CHOICE) == (f.choices is not None), (kind, f.name)


# What erasure sets to a fixed value instead of clearing (services/erasure_core.erase_customer_records), and what it
# keeps because it says nothing about the person (how customers in general found us, for the statistics).
ERASURE_RESETS = {"full_name", "company_id", "is_decision_maker", "rank", "contact_consent"}
ERASURE_KEEPS = {"acquisition_channel"}


def test_a_customer_field_added_to_the_registry_is_disclosed_and_erased() -> None:
    # A field people can give a customer is personal data: the person's disclosure document (開示) shows it and
    # anonymising clears it. Both keep their own list (the order a person reads / what erasure does with each), so
    # this fails until a new field is placed in both.
    columns = {c.name for c in Customer.__table__.columns}
    given = set(names_of(Kind.CUSTOMERS, Use.READ | Use.MERGE | Use.FORM)) & columns
    assert given - {name for name, _ in DISCLOSED} == {"company_id"}  # the document names the company instead
    assert given - set(PERSONAL_FIELDS) - ERASURE_RESETS == ERASURE_KEEPS
    assert not set(CUSTOMER_KEYS) & given, "lookup keys are derived, never given"
