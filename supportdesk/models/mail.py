"""Mail the desk received and sent, the files that came with it, and what a fetch has already seen.

Files are stored once per content (`AttachmentBlob`, keyed by sha256) in the database itself, so every machine of
a PostgreSQL team desk reads the same files and a backup of the database holds them.
"""

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, LargeBinary, String, Text, false
from sqlmodel import Field, SQLModel

from supportdesk.models.base import created_field


class AttachmentBlob(SQLModel, table=True):
    """The bytes of one file, shared by every attachment with the same content."""

    __tablename__ = "attachment_blob"

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = created_field()


class Attachment(SQLModel, table=True):
    """A file on a thread entry: its name as the sender gave it, its type and size, and where its bytes are.

    `sha256` is None when the file was over the size limit: the entry still says it came, the desk did not keep it.
    """

    __tablename__ = "attachment"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    entry_id: int | None = Field(default=None, foreign_key="ticket_entry.id", index=True)
    sha256: str | None = Field(default=None, foreign_key="attachment_blob.sha256", index=True, max_length=64)
    filename: str = Field(max_length=255)
    content_type: str = Field(default="application/octet-stream", max_length=127)
    size: int = 0
    inline: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # A text part no charset could read: kept as a file so nothing is lost, and flagged for the agent.
    undecodable: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # Trainers may open a file only when an administrator has marked it as holding no personal data.
    trainer_safe: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = created_field()


class MailMessage(SQLModel, table=True):
    """One message in or out. Inbound rows are the record of what arrived; outbound rows are also the queue.

    Outbound states: queued → sending → handing_over → sent, or failed (the server's answer kept); a sender
    stopped during handing_over leaves `unconfirmed`, which is never sent again by itself. A bounce of a sent
    message marks it `bounced` with the reason.
    """

    __tablename__ = "mail_message"
    __table_args__ = (Index("ix_mail_message_out_queue", "direction", "state", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    direction: str = Field(max_length=3)  # "in" or "out"
    kind: str = Field(max_length=20)  # in: person, auto_reply, bounce; out: reply, automatic
    message_id: str = Field(sa_column=Column(String(500), nullable=False, unique=True))
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    entry_id: int | None = Field(default=None, foreign_key="ticket_entry.id", index=True)
    from_address: str = Field(default="", max_length=254)
    from_name: str = Field(default="", max_length=200)
    to_addresses: str = Field(default="", sa_type=Text)  # comma-separated
    cc_addresses: str = Field(default="", sa_type=Text)
    subject: str = Field(default="", sa_type=Text)
    date_header: datetime | None = None
    in_reply_to: str = Field(default="", sa_type=Text)
    references: str = Field(default="", sa_type=Text)
    raw_sha256: str | None = Field(default=None, foreign_key="attachment_blob.sha256", max_length=64)
    # Every text part read as its label said (False: guessed, or a part kept as an undecodable file).
    exact: bool = Field(default=True)
    created_at: datetime = created_field(index=True)

    # Outbound delivery (None for inbound mail).
    state: str | None = Field(default=None, max_length=20)
    automatic: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    next_attempt_at: datetime | None = None
    claimed_by: str | None = Field(default=None, max_length=200)
    claimed_at: datetime | None = None
    server_answer: str | None = Field(default=None, sa_type=Text)
    sent_at: datetime | None = None


class MailSeen(SQLModel, table=True):
    """A message a fetch took from a folder (mailbox, UIDVALIDITY, UID): never taken twice."""

    __tablename__ = "mail_seen"

    mailbox: str = Field(primary_key=True, max_length=300)
    uidvalidity: int = Field(sa_column=Column(BigInteger, primary_key=True))
    uid: int = Field(sa_column=Column(BigInteger, primary_key=True))
    mail_message_id: int | None = Field(default=None, foreign_key="mail_message.id")
    seen_at: datetime = created_field()


class MailFetchRun(SQLModel, table=True):
    """How the last fetch of a mailbox went, for `supportdesk mail status`."""

    __tablename__ = "mail_fetch_run"

    mailbox: str = Field(primary_key=True, max_length=300)
    started_at: datetime = created_field()
    finished_at: datetime | None = None
    added: int = 0
    error: str | None = Field(default=None, sa_type=Text)
