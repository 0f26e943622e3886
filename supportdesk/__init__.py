"""SupportDesk core: domain model, storage, normalisation, services and the CLI. Never imports Textual."""

__version__ = "0.1.0"
