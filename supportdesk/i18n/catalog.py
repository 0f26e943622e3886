"""The Japanese catalog, assembled from one module per part of the desk (fewer merge conflicts, same table).

A text appears in one module only (tests/supportdesk/test_catalog.py checks it); put a new one beside the code
that shows it: `ja_screens` for the app, `ja_services` for what services refuse and report, `ja_core` for config,
language and clock, `ja_cli` for the commands, `ja_help` for their --help.
"""

from supportdesk.i18n import (
    ja_cli,
    ja_core,
    ja_customers,
    ja_help,
    ja_import,
    ja_mail,
    ja_records,
    ja_screens,
    ja_service,
    ja_services,
    ja_values,
)

PARTS = {
    "ja_screens": ja_screens.JA,
    "ja_core": ja_core.JA,
    "ja_services": ja_services.JA,
    "ja_import": ja_import.JA,
    "ja_cli": ja_cli.JA,
    "ja_help": ja_help.JA,
    "ja_mail": ja_mail.JA,
    "ja_records": ja_records.JA,
    "ja_customers": ja_customers.JA,
    "ja_service": ja_service.JA,
}
JA: dict[str, str] = {text: ja for part in PARTS.values() for text, ja in part.items()}
JA_VALUES: dict[str, str] = ja_values.JA
