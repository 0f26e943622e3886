"""The Textual app. Screens call the desk's services (through supportdesk.desk.Desk) and nothing below it."""
