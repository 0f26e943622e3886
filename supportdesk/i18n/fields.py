"""Names of fields that errors give without a literal in the code: columns checked in loops by their name
(`model_text(Customer, "postal_code", …)` says "postal code"). Their Japanese is in ja_core; the catalog test
checks every such column has one."""

from supportdesk.i18n import N_

FIELD_NAMES = (
    # A customer's fields (services/customers.py checks them by column name)
    N_("full name"),
    N_("name kana"),
    N_("phone"),
    N_("mobile"),
    N_("postal code"),
    N_("address"),
    N_("department"),
    N_("job title"),
    N_("notes"),
    N_("occupation"),
    N_("external ref"),
    N_("acquisition channel"),
    N_("gender"),
    N_("rank"),
    # A company's ("company …", so a row that has both says which)
    N_("company name kana"),
    N_("company postal code"),
    N_("company address"),
    N_("company phone"),
    N_("company industry"),
    N_("company business description"),
    N_("company website"),
    N_("company social accounts"),
    N_("company notes"),
    N_("company external ref"),
    # Products, purchases, subscriptions, users, tickets
    N_("sku"),
    N_("category"),
    N_("order ref"),
    N_("cancel reason"),
    N_("team"),
    N_("reason"),
    N_("note"),
)
