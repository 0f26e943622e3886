"""Caller lookup: find the caller as they speak, ranked by one rule, the same on every backend, before any cut.

The rule, best first (docs/ARCHITECTURE.md, "Caller lookup"):
1. How the typed text matched them (`SCORES`): an exact phone number or e-mail; the last four digits of a phone;
   the whole part of an e-mail before the @; a name or reading; the start of a phone number, e-mail, name or
   reading; the people of a company named; the people of a company whose main line it is. Within each way, an
   exact key ranks before a key that only starts with what was typed.
2. More open tickets first: a caller with an inquiry in progress is most likely calling about it.
3. The most recent contact first (a ticket received, their message, our reply, a call); never contacted last.
4. Then reading, name and customer number: everyone else keeps one fixed order.

Every person the text matches is ranked before the list is cut: with 2,000 佐藤 on the desk, the 佐藤 with an open
ticket who called yesterday comes first on SQLite and PostgreSQL alike. Each way of matching (a probe) takes its
own best `limit` people in that order from the database, and the lists are merged: whoever is among the overall
best `limit` is among the best `limit` of the probe that matched them best, so nobody is cut too early.

A probe that matches at most WALK_ABOVE people reads them through its key's index and sorts them. One that
matches more (two digits of a phone number, one kanji) would sort tens of thousands of rows per keystroke; it
walks the customers in ranking order instead (index ix_customer_activity) and stops once it has enough. The
activity columns are kept by database triggers (models/people.py, migration 0012).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, case, func, literal, nulls_last, or_
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from supportdesk.models import Company, Customer
from supportdesk.normalize import LookupKeys, bank_kana_key, lookup_keys
from supportdesk.services import users
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.readmodels import CustomerMatch
from supportdesk.services.summaries import summary
from supportdesk.untrusted import check_length

# (exact, otherwise) per way of matching; lower ranks first. An exact phone or e-mail is almost certainly the
# caller; four digits are a strong hint (the agent confirms by the name shown beside them); a name or reading
# next; a company's people last.
SCORES: dict[str, tuple[int, int]] = {
    "phone": (0, 10),
    "email": (0, 10),
    "phone tail": (5, 5),
    "email start": (15, 25),
    "name": (20, 30),
    "kana": (20, 30),
    "company": (45, 45),
    "company phone": (50, 50),
}
# Above this many matches a probe walks the ranking index instead of sorting its matches (see the module doc).
WALK_ABOVE = 2000


def _ranking(people: Any) -> tuple[Any, ...]:
    """The ranking after the score, as SQL, over `people`'s columns (the customer table or a subquery of it) ..."""
    return (
        people.open_tickets.desc(),
        nulls_last(people.last_contact_at.desc()),
        people.kana_key,
        people.name_key,
        people.id,
    )


RANKING = _ranking(Customer)  # ... the order of the index ix_customer_activity ...
RANKED = (Customer.id, Customer.open_tickets, Customer.last_contact_at, Customer.kana_key, Customer.name_key)
_ACTIVE = col(Customer.merged_into_id).is_(None)  # a merged duplicate is no longer anyone to find

# How a probe refers to a customer's key column: as it is (its index may serve the condition) or wrapped, so that
# no index serves it and the planner walks the ranking index instead.
_Column = Callable[[Any], Any]


def _indexed(column: Any) -> Any:
    return column


def _unindexed(column: Any) -> Any:
    return func.coalesce(column, column)


def _rank_key(score: int, customer: Customer) -> tuple[int, int, tuple[int, float], str, str, int]:
    """... and the same order in Python, for merging the probes' lists (C-collated keys compare as code points)."""
    assert customer.id is not None
    return (score, -customer.open_tickets, _recent_first(customer.last_contact_at), *_tail(customer))


def _recent_first(at: datetime | None) -> tuple[int, float]:
    return (1, 0.0) if at is None else (0, -at.timestamp())


def _tail(customer: Customer) -> tuple[str, str, int]:
    assert customer.id is not None
    return (customer.kana_key, customer.name_key, customer.id)


def _prefix(column: Any, key: str) -> Any:
    """`column` starts with `key`, as an index range (LIKE would not use the index on every backend)."""
    upper = next_key(key)
    return (column >= key) if upper is None else (column >= key) & (column < upper)


# SQLite, which has no planner statistics on a desk, reads an OR of key ranges as one index range each only up to a
# point: given the 32 spellings of a long name of variant-rich kanji (kanji_variants.MOST: 株式会社若葉食品 has 32) it
# scanned every customer instead, 640 ms at 100k customers against 0.1 ms for 16 ranges (issue 20, full-size run).
# Past FEW_RANGES spellings, the ids are asked as a union of the ranges, each its own index search, on both backends.
FEW_RANGES = 8


def _any_prefix(id_column: Any, column: Any, keys: tuple[str, ...], k: _Column = _indexed, *, dialect: str) -> Any:
    """`column` starts with any of `keys`: an OR of ranges for a few keys, else the row's id among those a list of
    ranges finds, each by its own index search: on PostgreSQL the ranges as two arrays, on SQLite a union."""
    if len(keys) <= FEW_RANGES:
        return or_(*(_prefix(k(column), key) for key in keys))
    uppers = [next_key(key) for key in keys]
    if dialect == "postgresql" and None not in uppers:
        return k(id_column).in_(_in_ranges(id_column, column, list(keys), uppers))
    return k(id_column).in_(sa.union_all(*(sa.select(id_column).where(_prefix(column, key)) for key in keys)))


def _one_of(column: Any, keys: tuple[str, ...], dialect: str) -> Any:
    """`column` is one of `keys`: on PostgreSQL past FEW_RANGES keys as `= ANY(array)`, so that the statement's text
    stays the same whatever their number (see `_in_ranges`)."""
    if dialect == "postgresql" and len(keys) > FEW_RANGES:
        return column == sa.any_(sa.bindparam("keys", list(keys), type_=postgresql.ARRAY(sa.Text), unique=True))
    return column.in_(keys)


def _in_ranges(id_column: Any, column: Any, lows: list[str], highs: list[str | None]) -> sa.Select[Any]:
    """The ids of the rows whose `column` lies in one of the ranges [lows[i], highs[i]), read range by range from
    its index (PostgreSQL). Its text is the same for any number of ranges: a union of 32 (株式会社吉田製作所's
    spellings) took PostgreSQL 2 ms to plan at every lookup, as long as running it (issue 20)."""
    ranges = (
        func.unnest(
            sa.bindparam("range_lows", lows, type_=postgresql.ARRAY(sa.Text), unique=True),
            sa.bindparam("range_highs", highs, type_=postgresql.ARRAY(sa.Text), unique=True),
        )
        .table_valued("low", "high")
        .render_derived(name="key_range")
    )
    # OFFSET 0 keeps each range a subquery of its own, run by its index: joined as a whole, PostgreSQL estimated a
    # third of the table per range and read all of it (0.5 s).
    in_range = sa.select(id_column).where(column >= ranges.c.low, column < ranges.c.high).offset(0).lateral()
    return sa.select(*in_range.c).select_from(ranges).join(in_range, sa.true())


def next_key(key: str) -> str | None:
    """The smallest string after every string starting with `key`; None when there is none (all U+10FFFF).

    The increment skips the surrogate block, which no stored text can hold and UTF-8 cannot encode.
    """
    stem = key.rstrip(chr(0x10FFFF))
    if not stem:
        return None
    code = ord(stem[-1]) + 1
    return stem[:-1] + chr(0xE000 if 0xD800 <= code < 0xE000 else code)


@dataclass(frozen=True)
class _Probe:
    """One way a typed text can find a customer: which rows (`where`, built with the key columns as `_Column`
    gives them) and which of those matched exactly (None: all score alike)."""

    how: str
    where: Callable[[_Column], ColumnElement[bool]]
    exact: ColumnElement[bool] | None = None
    # For the people of some companies: the companies' ids, one row each (see _first_matches).
    companies: sa.Select[Any] | None = None
    # For a whole key (a phone number of WHOLE_NUMBER digits, an e-mail), read in the lookup's first statement by
    # equality, with whether anyone's key goes on from it (see _Whole).
    whole: "_Whole | None" = None

    def score(self) -> Any:
        exact, otherwise = SCORES[self.how]
        return literal(otherwise) if self.exact is None else case((self.exact, exact), else_=otherwise)


def _probes(keys: LookupKeys, dialect: str, whole: bool) -> list[_Probe]:
    """The probes a lookup runs. Each is an indexed equality or prefix range on key columns. `whole`: the phone
    number or e-mail typed is a whole key (`_whole_key`)."""
    probes: list[_Probe] = []
    if keys.phone:
        phone = keys.phone
        probes.append(
            _Probe(
                "phone",
                lambda k: or_(_prefix(k(Customer.phone_key), phone), _prefix(k(Customer.mobile_key), phone)),
                or_(col(Customer.phone_key) == phone, col(Customer.mobile_key) == phone),
                whole=_WHOLE_PHONE if whole else None,
            )
        )
        main_line = select(Company.id).where(_prefix(Company.phone_key, phone))
        probes.append(
            _Probe(
                "company phone",
                lambda k: k(Customer.company_id).in_(main_line),
                companies=main_line,
                whole=_WHOLE_MAIN_LINE if whole else None,
            )
        )
    if keys.phone_tail:
        tail = keys.phone_tail
        probes.append(
            _Probe("phone tail", lambda k: or_(k(Customer.phone_tail) == tail, k(Customer.mobile_tail) == tail))
        )
    if keys.email:
        email = keys.email
        probes.append(
            _Probe(
                "email",
                lambda k: _prefix(k(Customer.email_key), email),
                col(Customer.email_key) == email,
                whole=_WHOLE_EMAIL if whole else None,
            )
        )
    if keys.email_local:
        local = keys.email_local
        probes.append(
            _Probe(
                "email start", lambda k: _prefix(k(Customer.email_key), local), _prefix(Customer.email_key, local + "@")
            )
        )
    if keys.name:
        names = keys.names or (keys.name,)
        probes.append(
            _Probe(
                "name",
                lambda k: _any_prefix(col(Customer.id), col(Customer.name_key), names, k, dialect=dialect),
                _one_of(col(Customer.name_key), names, dialect),
            )
        )
    if keys.kana:
        kana, bank = keys.kana, bank_kana_key(keys.kana)
        # Compared as bank transfers write readings (no small kana, no long vowels), so ｼﾖｳｼﾞ finds ショウジ.
        probes.append(
            _Probe("kana", lambda k: _prefix(k(Customer.kana_bank_key), bank), col(Customer.kana_key) == kana)
        )
    if keys.company:
        named = _any_prefix(col(Company.id), col(Company.name_key), keys.companies or (keys.company,), dialect=dialect)
        if keys.kana:
            named = or_(named, _prefix(Company.kana_bank_key, bank_kana_key(keys.kana)))
        companies = select(Company.id).where(named)
        probes.append(_Probe("company", lambda k: k(Customer.company_id).in_(companies), companies=companies))
    return probes


# A whole key (a phone number of WHOLE_NUMBER digits, an e-mail) is looked up by equality, which PostgreSQL plans
# once and reuses. Asked as a range [key, next key), its generic plan was costed at 500 rows a range and never
# chosen: each lookup was planned afresh, 0.2 ms of the 0.3 its statement took on the server (issue 20). Whether
# anyone's key only starts with it (an extension after a number, an e-mail whose domain goes on: .co → .co.jp) is
# asked by EXISTS, which costs little in any plan; the few lookups it answers yes to read the whole range after
# (`find_customers`). These parts are built once, the key and the end of its range bound at each lookup
# (`_whole_key`): built at every lookup, they took 0.15 ms, and SQLite's lookups were 0.14 ms slower than by range;
# built once, they are as fast there.
_KEY: sa.BindParameter[str] = sa.bindparam("whole_key")
_KEY_END: sa.BindParameter[str] = sa.bindparam("whole_key_end")


def _whole_key(keys: LookupKeys) -> dict[str, str]:
    """The values `_WHOLE_…` are given for a whole phone number or e-mail (lookup_keys never gives both); none for
    any other text, or a key no range ends (U+10FFFF alone), read as a range."""
    key = keys.phone if len(keys.phone) >= WHOLE_NUMBER else keys.email
    end = next_key(key) if key else None
    return {} if end is None else {"whole_key": key, "whole_key_end": end}


def _longer(table: Any, columns: tuple[Any, ...]) -> ColumnElement[bool]:
    """Some row of `table` (a customer not merged away, a company) has in one of `columns` a key longer than the
    whole key that starts with it."""
    active = (col(Customer.merged_into_id).is_(None),) if table is Customer else ()
    # Never correlated: the first statement's own rows are customers too.
    return or_(
        *(
            sa.select(literal(1))
            .select_from(table)
            .where(column > _KEY, column < _KEY_END, *active)
            .correlate(None)
            .exists()
            for column in columns
        )
    )


@dataclass(frozen=True)
class _Whole:
    """A whole key's probe: for the key alone (`alone`), and whether anyone's key goes on from it (`longer`)."""

    alone: _Probe
    longer: ColumnElement[bool]


def _whole(how: str, exact: ColumnElement[bool], longer: ColumnElement[bool]) -> _Whole:
    return _Whole(_Probe(how, lambda k: exact, exact), longer)


_WHOLE_PHONE = _whole(
    "phone",
    or_(col(Customer.phone_key) == _KEY, col(Customer.mobile_key) == _KEY),
    _longer(Customer, (Customer.phone_key, Customer.mobile_key)),
)
_WHOLE_EMAIL = _whole("email", col(Customer.email_key) == _KEY, _longer(Customer, (Customer.email_key,)))
_MAIN_LINE = select(Company.id).where(col(Company.phone_key) == _KEY)
_WHOLE_MAIN_LINE = _Whole(
    _Probe("company phone", lambda k: k(Customer.company_id).in_(_MAIN_LINE), companies=_MAIN_LINE),
    _longer(Company, (Company.phone_key,)),
)


# A person found, with the company name shown beside them (joined, not read by another statement: issue 20).
_Found = tuple[int, Customer, str | None]
# An alias, so that the probes' subqueries on `company` (a company named, its main line) are not correlated to it.
_THEIR_COMPANY = aliased(Company)


def _people(*columns: Any) -> sa.Select[Any]:
    """Customers (with `columns`) and the name of their company, to be narrowed and ordered by a probe.

    The name is a subquery, not a join: PostgreSQL then looks it up only for the people kept after the sort and
    limit, where a join made it hash the whole company table for a probe matching a thousand people (issue 20)."""
    their_company = sa.select(col(_THEIR_COMPANY.name)).where(col(_THEIR_COMPANY.id) == Customer.company_id)
    return sa.select(Customer, *columns, their_company.scalar_subquery().label("company_name"))


# The digits of a whole Japanese number: 10 for a fixed line (03-1234-5678), 11 for a mobile (090-1234-5678).
WHOLE_NUMBER = 10


def _few(probe: _Probe, keys: LookupKeys) -> bool:
    """A probe whose key names one person or a handful: a whole phone number (10 digits or more), an e-mail with its
    @. Its best are read in the lookup's first statement, uncounted (see `_first_statement`)."""
    if probe.how == "phone":
        return len(keys.phone or "") >= WHOLE_NUMBER
    return probe.how == "email"


# What the first statement's people are left-joined from, so that it answers with one row when they are nobody.
_ONE_ROW = sa.select(literal(1).label("one")).subquery("one_row")


@dataclass(frozen=True)
class _FirstAnswer:
    counts: list[int]  # the people each counted probe matches, in order (by its key alone for a whole key)
    found: list[_Found]  # the best of the first probe (by its key alone for a whole key)
    longer: frozenset[str]  # the probes (by `how`) read by the whole key alone, whose key someone's goes on from


def _first_statement(
    session: Session, counted: list[_Probe], first: _Probe | None, limit: int, whole: dict[str, str]
) -> _FirstAnswer:
    """The lookup's first statement: how many people each of `counted` matches (no further than WALK_ABOVE + 1),
    the best `limit` of `first` (a probe of few matches, read sorted, not counted), and the signed-in account's
    check when the Desk asked for it (users.account_columns), refused before anyone found is returned. `whole`: the
    values of a whole key's parts (`_whole_key`).

    An exact phone or e-mail lookup, the commonest on a phone desk, is then one statement where it was two: on
    PostgreSQL each is a round trip to the server (issue 20). Its key is asked by equality, with whether any key
    goes on from it (`_Whole`, `_longer`), so that the statement holds no range PostgreSQL must plan anew."""
    counts = [_counted(p.whole.alone if p.whole else p, session).scalar_subquery() for p in counted]
    asked = [p for p in ([first] if first is not None else []) + counted if p.whole is not None]
    flags = [p.whole.longer for p in asked if p.whole is not None]
    account = users.account_columns(session)
    if first is not None:
        # From one row, left-joined to the people `first` finds: one row of counts and check when it finds nobody.
        probe = first.whole.alone if first.whole else first
        score = probe.score().label("score")
        query = (
            _people(score, *counts, *flags, *account)
            .select_from(_ONE_ROW)
            .outerjoin(Customer, sa.and_(probe.where(_indexed), _ACTIVE))
            .order_by(score, *RANKING)
        )
        rows = session.execute(query.limit(limit).execution_options(populate_existing=True), whole).all()
        # (customer or None, score, *counts, *flags, *account, company name)
        answers = rows[0][2:-1]
        found = [(int(r[1]), r[0], r[-1]) for r in rows if r[0] is not None]
    elif counts or account:
        answers = session.connection().execute(sa.select(*counts, *flags, *account), whole).one()
        found = []
    else:  # SQLite refuses a SELECT of nothing
        return _FirstAnswer([], [], frozenset())
    users.settle_account(session, answers[len(counts) + len(flags) :])
    said = answers[len(counts) : len(counts) + len(flags)]
    longer = frozenset(p.how for p, yes in zip(asked, said, strict=True) if yes)
    return _FirstAnswer([int(n) for n in answers[: len(counts)]], found, longer)


def _counted(probe: _Probe, session: Session) -> sa.Select[Any]:
    """How many people the probe matches, no further than WALK_ABOVE + 1."""
    return select(func.count()).select_from(_first_matches(probe, session).subquery())


def _first_matches(probe: _Probe, session: Session) -> sa.Select[Any]:
    """Up to WALK_ABOVE + 1 of the probe's people, in no order: what `_first_statement` counts.

    The people of some companies are read company by company where the database can be told so (LATERAL,
    PostgreSQL): asked as `company_id IN (…)`, PostgreSQL merge-joined every customer in company order to find the
    people of the ~1,200 companies whose number starts with 08 (41k rows read, 27 ms); from the companies, each
    one's first people by ix_customer_company_id, it takes 4 ms (issue 20). SQLite, without LATERAL, already
    reads `IN (…)` company by company."""
    if probe.companies is None or session.get_bind().dialect.name != "postgresql":
        return select(Customer.id).where(probe.where(_indexed), _ACTIVE).limit(WALK_ABOVE + 1)
    company = probe.companies.subquery()
    theirs = select(Customer.id).where(Customer.company_id == company.c.id, _ACTIVE).limit(WALK_ABOVE + 1).lateral()
    return sa.select(theirs.c.id).select_from(company).join(theirs, sa.true()).limit(WALK_ABOVE + 1)


def _best_of_companies(companies: sa.Select[Any], limit: int) -> sa.Subquery:
    """The ids of the best `limit` people of `companies` (no more than WALK_ABOVE people in all), read company by
    company and sorted. Asked as `company_id IN (…)` ordered by the ranking, PostgreSQL walked ix_customer_activity
    and looked up each person's company until it had enough: 3,700 people for the 20 best of 高橋's companies
    (10 ms). Ordered here by the columns of a LATERAL read of each company's people, the order is nothing an index
    holds, so it reads them (579 people of 336 companies for たなか: 1.5 ms) and sorts (issue 20)."""
    company = companies.subquery()
    theirs = (
        sa.select(*(col(column) for column in RANKED))
        .where(col(Customer.company_id) == company.c.id, _ACTIVE)
        .limit(WALK_ABOVE + 1)  # a subquery with a LIMIT stays one: PostgreSQL would otherwise fold it into a walk
        .lateral()
    )
    return (
        sa.select(theirs.c.id)
        .select_from(company)
        .join(theirs, sa.true())
        .order_by(*_ranking(theirs.c))
        .limit(limit)
        .subquery()
    )


def _best(session: Session, probe: _Probe, many: bool, limit: int) -> list[_Found]:
    """The probe's best `limit` people by the rule, with their scores."""
    # The session may hold these customers from earlier in the same transaction: their activity columns are
    # changed by triggers the ORM does not see, so rows are read afresh.
    fresh = {"populate_existing": True}
    if not many:
        score = probe.score().label("score")
        query = _people(score).where(_ACTIVE)
        if probe.companies is not None and session.get_bind().dialect.name == "postgresql":
            best = _best_of_companies(probe.companies, limit)
            query = query.join(best, col(Customer.id) == best.c.id)
        else:
            query = query.where(probe.where(_indexed))
        query = query.order_by(score, *RANKING).limit(limit)
        return [(int(s), c, company) for c, s, company in session.execute(query.execution_options(**fresh))]
    exact_score, otherwise = SCORES[probe.how]
    found: list[_Found] = []
    if probe.exact is not None:
        exact = _people().where(probe.where(_indexed), probe.exact, _ACTIVE).order_by(*RANKING).limit(limit)
        found = [(exact_score, c, company) for c, company in session.execute(exact.execution_options(**fresh))]
    # Of the walk's first limit + len(found), at most len(found) are the exact matches above. `IS TRUE` keeps an
    # `IN (…)` a test of each row walked (a hashed subplan): PostgreSQL made it a semi-join instead, comparing each
    # row walked with all 2,263 吉田 of a name's spellings one by one (151 ms; 7 as a test; issue 20).
    walk = _people().where(probe.where(_unindexed).is_(sa.true()), _ACTIVE).order_by(*RANKING).limit(limit + len(found))
    seen = {c.id for _, c, _ in found}
    found += [
        (otherwise, c, company) for c, company in session.execute(walk.execution_options(**fresh)) if c.id not in seen
    ]
    return found


# Longer than anything a lookup could match (a name is at most 200 characters, an address 300). 5 MB pasted into
# the box took SQLite 24 s and made PostgreSQL drop the connection: each of a name's 32 spellings is a parameter.
MAX_LOOKUP = 500


def find_customers(session: Session, actor: Actor, text: str, limit: int = 20) -> list[CustomerMatch]:
    """Find the caller as they speak: phone (any format, its start or its last four digits), e-mail (or the part
    before the @), name, kana reading (also in romaji or bank notation) or company; best first by the rule in the
    module's description, the same people on every backend."""
    require(actor, Action.VIEW_CUSTOMERS)
    check_length("query", text or "", MAX_LOOKUP)
    keys = lookup_keys(text)
    if not keys.text or limit <= 0:
        return []
    whole = _whole_key(keys)
    probes = _probes(keys, session.get_bind().dialect.name, bool(whole))
    if not probes:  # text with nothing to look up by ("-")
        return []
    first = next((p for p in probes if _few(p, keys)), None)
    counted = [p for p in probes if p is not first]
    first_answer = _first_statement(session, counted, first, limit, whole)
    matches = iter(first_answer.counts)  # in the order of `counted`: the probes but `first`
    best: dict[int, tuple[int, str, Customer, str | None]] = {}
    for probe in probes:
        longer = probe.how in first_answer.longer  # read by the whole key alone, and someone's key goes on from it
        if probe is first:
            people = _best(session, probe, False, limit) if longer else first_answer.found
        else:
            how_many = next(matches)
            if longer:  # counted by the whole key alone: counted again with the keys that go on from it
                how_many = int(session.execute(_counted(probe, session)).scalar_one())
            if not how_many:
                continue
            people = _best(session, probe, how_many > WALK_ABOVE, limit)
        for score, customer, company in people:
            assert customer.id is not None
            if customer.id not in best or score < best[customer.id][0]:
                best[customer.id] = (score, probe.how, customer, company)
    ranked = sorted(best.values(), key=lambda found: _rank_key(found[0], found[2]))[:limit]
    return [
        CustomerMatch(customer=summary(customer, company), match=how, score=score, open_tickets=customer.open_tickets)
        for score, how, customer, company in ranked
    ]
