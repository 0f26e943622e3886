"""Japanese for the `supportdesk` command's output: results, prompts, progress and one-line errors."""

JA: dict[str, str] = {}
