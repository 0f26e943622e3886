"""A person's mail and files are part of what a privacy export shows, and anonymising removes them."""

from sqlmodel import Session, select

from supportdesk.models import Attachment, AttachmentBlob, MailMessage
from supportdesk.services.actor import Actor
from supportdesk.services.mail_in import receive
from supportdesk.services.privacy import anonymise_person, export_person, person_document
from tests.supportdesk.mail.build import mail

PHOTO = b"\xff\xd8 a photo of the customer's receipt"


def test_the_export_holds_the_mail_and_files_and_anonymising_removes_them(session: Session, agent: Actor, admin: Actor):
    mine = receive(session, agent, mail(files=[("レシート_山田.jpg", "image/jpeg", PHOTO)]))
    # Someone else sent the very same file: their copy must survive this person's erasure.
    other = receive(
        session, agent, mail(sender="鈴木 花子 <hanako@example.jp>", files=[("同じ.jpg", "image/jpeg", PHOTO)])
    )
    assert mine.customer is not None and other.customer is not None

    data = export_person(session, admin, mine.customer)
    held = data["other"]["mail"]
    assert [r["file"] for r in held if "file" in r] == ["レシート_山田.jpg"]
    assert [r["sender"] for r in held if "sender" in r] == ["taro@example.jp"]
    assert "レシート_山田.jpg" in person_document(data, readable=True)

    done = anonymise_person(session, admin, mine.customer, str(mine.customer))
    assert done.rows["mail"] >= 1
    mine_files = session.exec(select(Attachment).where(Attachment.ticket_id == mine.ticket)).all()
    assert [(a.filename, a.sha256) for a in mine_files] == [("(erased)", None)]
    record = session.exec(select(MailMessage).where(MailMessage.ticket_id == mine.ticket)).one()
    assert (record.from_address, record.subject, record.raw_sha256) == ("", "", None)
    # The other customer's mail and their copy of the photo are untouched.
    theirs = session.exec(select(Attachment).where(Attachment.ticket_id == other.ticket)).one()
    blob = session.get(AttachmentBlob, theirs.sha256)
    assert blob is not None and bytes(blob.data) == PHOTO
