"""Business rules. Every public function takes a session and the acting user, and raises typed errors.

The UI, the CLI and the tests all go through these functions, so a rule lives in one place.
"""
