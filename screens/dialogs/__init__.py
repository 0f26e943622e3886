"""Modal dialogs, each a typed ModalScreen closed with dismiss(value)."""
