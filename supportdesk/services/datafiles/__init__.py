"""Data in and out: CSV import (preview, then all or nothing) and export, with the desk's rules.

- `plan`: what an import plans (Step, RowPlan, ImportPlan, ImportSummary) and the helpers the planners share;
- `people`, `commerce`, `tickets`: one planner per kind of record, using the hand-input services' own rules;
- `imports`: `preview_import` and `run_import`, which run a planner over a file;
- `exports`: `export_file` / `write_csv`, the import's columns so exports round-trip.

Reading the file itself (encodings, delimiters, headers, cells) is `supportdesk.importing`, which knows no database.
The modules import downwards only (imports → people/commerce/tickets → plan); an import-linter contract keeps it so.
"""
