"""The `supportdesk` command line (typer). Only `launch` touches the Textual app, and only lazily."""
