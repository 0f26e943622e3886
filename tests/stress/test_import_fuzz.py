"""Random customer files with random malformed rows: a file with any bad row imports nothing at all.

Hypothesis builds files of good rows (with arbitrary text in the free-text columns) and mixes in rows broken in
one of the ways real exports are broken. The preview must name a problem exactly when a broken row is in the
file; the import must then raise Invalid and leave every table as it was, and otherwise import every row.
"""

import csv
import io
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, SQLModel

from supportdesk.errors import Invalid
from supportdesk.services.actor import Actor
from supportdesk.services.datafiles.imports import preview_import, run_import
from tests.supportdesk.factories import count

HEADER = ["顧客番号", "氏名", "フリガナ", "電話番号", "メールアドレス", "ランク", "生年月日", "住所", "備考"]
# What people type in free-text cells: any printable text, Japanese included (not NUL: no text file holds it).
FREE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
# Ways a row goes wrong, each a change to a good row (by column) that the importer must refuse.
BREAKAGES: dict[str, tuple[int, str]] = {
    "no name": (1, ""),
    "not an e-mail": (4, "yamada@"),
    "phone too short": (3, "03-12"),
    "unknown rank": (5, "プラチナ会員"),
    "birth date in the future": (6, "2999-01-01"),
    "birth date that is not a date": (6, "昨日"),
}


def _table(session: Session) -> dict[str, int]:
    return {t.name: count(session, t) for t in SQLModel.metadata.sorted_tables}


def test_a_file_with_any_malformed_row_never_partly_imports(session: Session, lead: Actor) -> None:
    files = itertools.count()

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        good=st.lists(st.tuples(FREE_TEXT, FREE_TEXT, st.sampled_from(["", "一般", "VIP", "休眠"])), max_size=6),
        broken=st.lists(st.tuples(st.integers(0, 6), st.sampled_from(sorted(BREAKAGES))), max_size=2),
        encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp932"]),
    )
    def check(good: list[tuple[str, str, str]], broken: list[tuple[int, str]], encoding: str) -> None:
        n = next(files)
        phone = f"{n % 10_000:04d}"
        rows = [
            [f"F{n}-{i}", f"山田 太郎{n}x{i}", "ヤマダ タロウ", f"090-{phone}-{i:04d}", "", rank, "", address, note]
            for i, (address, note, rank) in enumerate(good)
        ]
        for position, how in broken:
            column, value = BREAKAGES[how]
            row = [f"F{n}-b{position}{how}", f"佐藤 花子{n}", "", f"080-{phone}-9{position:03d}", "", "", "", "", ""]
            row[column] = value
            rows.insert(min(position, len(rows)), row)
        out = io.StringIO()
        csv.writer(out).writerows([HEADER, *rows])
        try:
            data = out.getvalue().encode(encoding)
        except UnicodeEncodeError:
            return  # text Shift_JIS cannot hold; a file saved that way could not contain it either
        before = _table(session)
        plan = preview_import(session, lead, "customers", data, source="fuzz.csv")
        assert plan.ok == (not broken), [(p.row, p.column, p.reason) for p in plan.problems]
        try:
            summary = run_import(session, lead, "customers", data, source="fuzz.csv")
        except Invalid:
            assert broken, "a good file was refused"
            assert _table(session) == before, "a refused file wrote something"
            return
        assert not broken, f"a file with {[how for _, how in broken]} was imported"
        assert summary.created == len(good)
        assert _table(session)["customer"] == before["customer"] + len(good)

    check()
