"""Companies (企業) and persons (個人) for the demo desk, written the way people really type them.

Display values vary on purpose (㈱ / (株) / 株式会社 before or after the name, half-width kana, full-width digits,
names with and without a space); every `*_key` column is what supportdesk.normalize makes of the display value.
"""

import itertools
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from faker.providers.person.ja_JP import Provider as JaPerson

from supportdesk.demo import text
from supportdesk.demo.context import Batch, DemoContext, Row
from supportdesk.demo.vocab import (
    BUSINESS_DESCRIPTIONS,
    COMPANY_STEMS,
    COMPANY_TRADES,
    CUSTOMER_NOTES,
    DECISION_TITLES,
    DEPARTMENTS,
    EXTRA_FIRST_NAMES_FEMALE,
    EXTRA_FIRST_NAMES_MALE,
    EXTRA_LAST_NAMES,
    FREE_MAIL_DOMAINS,
    JOB_TITLES,
    REGIONS,
    Region,
)
from supportdesk.models import AcquisitionChannel, CustomerRank, Gender
from supportdesk.normalize import bank_kana_key, company_key, email_key, kana_key, name_key, phone_key, phone_tail

NamePart = tuple[str, str, str]  # kanji, kana, romaji

_LAST: tuple[NamePart, ...] = tuple(JaPerson.last_name_pairs) + EXTRA_LAST_NAMES
# faker's weights are counts from a name ranking; the extra names sit at the tail of that ranking.
_LAST_CUM = tuple(itertools.accumulate([float(w) for w in JaPerson.last_name_pairs.values()] + [30_000.0] * 40))
_MALE: tuple[NamePart, ...] = tuple(JaPerson.first_name_male_pairs) + EXTRA_FIRST_NAMES_MALE
_FEMALE: tuple[NamePart, ...] = tuple(JaPerson.first_name_female_pairs) + EXTRA_FIRST_NAMES_FEMALE
_REGION_CUM = tuple(itertools.accumulate(r.weight for r in REGIONS))
_ACQ = tuple(AcquisitionChannel)
_ACQ_B2C_CUM = tuple(itertools.accumulate((30, 14, 14, 16, 12, 6, 4, 4)))
_ACQ_B2B_CUM = tuple(itertools.accumulate((22, 4, 26, 8, 2, 16, 18, 4)))


class Person(NamedTuple):
    """What the ticket stage needs to know about a customer, kept small for 100k customers."""

    id: int
    created_at: datetime
    full_name: str
    surname: str
    romaji: str  # "Taro Yamada", for English mail
    company: str | None
    team: str


@dataclass
class CompanyInfo:
    id: int
    name: str
    domain: str
    region: Region
    phone_digits: str
    address: str | None
    postal_code: str | None
    slots: int  # how many more members it will get


def pick_region(ctx: DemoContext) -> Region:
    return ctx.rng.choices(REGIONS, cum_weights=_REGION_CUM)[0]


def address_in(ctx: DemoContext, region: Region) -> str:
    rng, fake = ctx.rng, ctx.fake
    chome, ban, go = rng.randint(1, 5), rng.randint(1, 30), rng.randint(1, 20)
    street = f"{chome}丁目{ban}番{go}号" if rng.random() < 0.55 else f"{chome}-{ban}-{go}"
    if rng.random() < 0.1:
        street = text.fullwidth_digits(street)
    building = f" {fake.town()}{fake.building_name()}{rng.randint(1, 12)}{rng.randint(1, 9):02d}"
    return f"{region.prefecture}{region.city}{fake.town()}{street}" + (building if rng.random() < 0.4 else "")


def _display_name(ctx: DemoContext, last: str, first: str) -> str:
    roll = ctx.rng.random()
    if roll < 0.80:
        return f"{last} {first}"
    return f"{last}{first}" if roll < 0.88 else f"{last}\u3000{first}"


def _display_kana(ctx: DemoContext, last: str, first: str) -> str | None:
    roll = ctx.rng.random()
    if roll < 0.74:
        return f"{last} {first}"
    if roll < 0.84:
        return f"{last}{first}"
    if roll < 0.89:  # some forms ask for ふりがな in hiragana
        return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in f"{last} {first}")
    if roll < 0.92:  # pasted from an old system that only knew half-width kana
        return text.to_halfwidth_kana(f"{last} {first}")
    return None


def customer_keys(row: Row) -> None:
    """Set the lookup keys from the display values, exactly as the customer service does."""
    row["name_key"] = name_key(row["full_name"])
    row["kana_key"] = kana_key(row["name_kana"])
    row["email_key"] = email_key(row["email"])
    row["phone_key"] = phone_key(row["phone"])
    row["mobile_key"] = phone_key(row["mobile"])
    row["kana_bank_key"] = bank_kana_key(row["name_kana"])
    row["phone_tail"] = phone_tail(row["phone_key"])
    row["mobile_tail"] = phone_tail(row["mobile_key"])


def company_row(company_id: int, name: str, kana: str | None, phone: str | None, at: datetime, **fields: object) -> Row:
    row: Row = {
        "id": company_id,
        "name": name,
        "name_kana": kana,
        "postal_code": None,
        "address": None,
        "phone": phone,
        "industry": None,
        "business_description": None,
        "founded_on": None,
        "employees": None,
        "website": None,
        "social_accounts": None,
        "notes": None,
        "external_ref": None,
        "name_key": company_key(name),
        "kana_key": kana_key(kana),
        "kana_bank_key": bank_kana_key(kana),
        "phone_key": phone_key(phone),
        "created_at": at,
        "updated_at": at,
        "version": 1,
    }
    row.update(fields)
    return row


def customer_row(customer_id: int, full_name: str, at: datetime, **fields: object) -> Row:
    row: Row = {
        "id": customer_id,
        "full_name": full_name,
        "name_kana": None,
        "email": None,
        "phone": None,
        "mobile": None,
        "postal_code": None,
        "address": None,
        "gender": None,
        "birth_date": None,
        "occupation": None,
        "rank": CustomerRank.NEW.value,
        "acquisition_channel": None,
        "contact_consent": False,
        "consent_at": None,
        "notes": None,
        "external_ref": None,
        "company_id": None,
        "department": None,
        "job_title": None,
        "is_decision_maker": False,
        "created_at": at,
        "updated_at": at,
        "version": 1,
    }
    row.update(fields)
    customer_keys(row)
    return row


class PeopleMaker:
    """Makes companies and persons one by one; remembers recent persons to register some of them twice."""

    def __init__(self, ctx: DemoContext, reserved_company_keys: set[str]) -> None:
        self.ctx = ctx
        self.used_company_keys = set(reserved_company_keys)
        self.open_companies: list[CompanyInfo] = []
        self.recent: deque[tuple[Row, Person]] = deque(maxlen=64)

    def company(self, batch: Batch, at: datetime) -> CompanyInfo:
        ctx, rng = self.ctx, self.ctx.rng
        for _attempt in range(6):  # a few tries for a fresh name; after that a namesake is realistic too
            if rng.random() < 0.3:
                stem = rng.choices(_LAST, cum_weights=_LAST_CUM)[0]
                stem = (stem[0], stem[1], stem[2].lower())
            else:
                stem = rng.choice(COMPANY_STEMS)
            trade = rng.choice(COMPANY_TRADES)
            if company_key(stem[0] + trade[0]) not in self.used_company_keys:
                break
        self.used_company_keys.add(company_key(stem[0] + trade[0]))
        kind = rng.choices(("株式会社", "有限会社", "合同会社"), weights=(70, 12, 18))[0]
        kind_kana = {"株式会社": "カブシキガイシャ", "有限会社": "ユウゲンガイシャ", "合同会社": "ゴウドウガイシャ"}[
            kind
        ]
        spelled = kind
        roll = rng.random()
        if kind == "株式会社" and roll < 0.11:
            spelled = ("㈱", "(株)", "（株）")[int(roll * 100) % 3]
        elif kind == "有限会社" and roll < 0.2:
            spelled = "㈲"
        before = rng.random() < 0.55
        name = f"{spelled}{stem[0]}{trade[0]}" if before else f"{stem[0]}{trade[0]}{spelled}"
        reading = stem[1] + trade[1]
        kana: str | None = (kind_kana + reading if before else reading + kind_kana) if rng.random() < 0.8 else reading
        if rng.random() < 0.05:
            kana = None
        region = pick_region(ctx)
        digits = text.landline(rng, region.area_code)
        domain = f"{stem[2]}-{trade[2]}.example.co.jp"
        employees = int(min(5000, max(1, rng.lognormvariate(3.4, 1.2))))
        industry = trade[3]
        description = rng.choice(BUSINESS_DESCRIPTIONS[industry])
        if rng.random() < 0.4:
            description += f"。{region.prefecture}を中心に{rng.choice(('法人', '個人', '官公庁'))}のお客様と取引"
        company_id = ctx.ids.next("company")
        postal = text.postal_code(rng, region.postal3)
        address = address_in(ctx, region)
        phone = text.format_phone(rng, digits, len(region.area_code), plain_share=0.4)
        maybe = rng.random
        row = company_row(
            company_id,
            name,
            kana,
            phone if maybe() < 0.95 else None,
            at,
            postal_code=postal if maybe() < 0.9 else None,
            address=address if maybe() < 0.93 else None,
            industry=industry if maybe() < 0.92 else None,
            business_description=description if maybe() < 0.85 else None,
            founded_on=date(rng.randint(1952, 2022), rng.randint(1, 12), 1) if maybe() < 0.8 else None,
            employees=employees if maybe() < 0.85 else None,
            website=f"https://www.{domain}/" if maybe() < 0.85 else None,
            social_accounts=f"X: @{stem[2]}_{trade[2]}" if maybe() < 0.3 else None,
            notes=rng.choice(("年度末は発注が集中する。", "請求書は経理部宛てに送付。", "窓口は情報システム部。"))
            if maybe() < 0.1
            else None,
        )
        batch.add("company", row)
        ctx.audit(batch, "company.create", "company", company_id, at, None)
        slots = min(7, 1 + int(rng.expovariate(0.9)))
        return CompanyInfo(company_id, name, domain, region, digits, row["address"], row["postal_code"], slots)

    def company_for_next_member(self, batch: Batch, at: datetime) -> tuple[CompanyInfo, bool]:
        """A company with room for one more member, or a new one; True when the member is its first."""
        rng = self.ctx.rng
        if self.open_companies and rng.random() < 0.5:
            index = rng.randrange(len(self.open_companies))
            company = self.open_companies[index]
            company.slots -= 1
            if company.slots <= 0:
                self.open_companies[index] = self.open_companies[-1]
                self.open_companies.pop()
            return company, False
        company = self.company(batch, at - timedelta(minutes=rng.randint(1, 600)))
        company.slots -= 1
        if company.slots > 0:
            self.open_companies.append(company)
        return company, True

    def person(self, at: datetime, b2b: bool) -> tuple[Row, Person]:
        """A new person without id or company fields; about one in a hundred consumers is registered twice."""
        ctx, rng = self.ctx, self.ctx.rng
        if not b2b and self.recent and rng.random() < 0.012:
            return self._duplicate(at)
        female = rng.random() < 0.5
        last = rng.choices(_LAST, cum_weights=_LAST_CUM)[0]
        first = rng.choice(_FEMALE if female else _MALE)
        region = pick_region(ctx)
        local = rng.choice(
            (
                f"{first[2]}.{last[2]}",
                f"{last[2]}.{first[2]}{rng.randint(1, 99)}",
                f"{first[2][0]}{last[2]}{rng.randint(60, 99)}",
                f"{last[2]}_{first[2]}",
            )
        )
        email = f"{local.lower()}@{rng.choice(FREE_MAIL_DOMAINS)}"
        if rng.random() < 0.04:
            email = email.capitalize()  # as typed on a phone that capitalises the first letter
        consent = rng.random() < 0.6
        birth = None
        if not b2b and rng.random() < 0.65:
            age_days = rng.randint(19 * 365, 82 * 365)
            birth = ctx.today - timedelta(days=age_days)
        row = customer_row(
            0,
            _display_name(ctx, last[0], first[0]),
            at,
            name_kana=_display_kana(ctx, last[1], first[1]),
            email=email if rng.random() < (0.8 if b2b else 0.88) else None,
            phone=text.format_phone(rng, text.landline(rng, region.area_code), len(region.area_code))
            if rng.random() < 0.45
            else None,
            mobile=text.format_phone(rng, text.mobile_number(rng), 3) if rng.random() < 0.75 else None,
            postal_code=text.postal_code(rng, region.postal3) if not b2b and rng.random() < 0.8 else None,
            address=address_in(ctx, region) if not b2b and rng.random() < 0.8 else None,
            gender=(Gender.FEMALE if female else Gender.MALE).value
            if rng.random() < (0.45 if b2b else 0.85)
            else rng.choice((None, Gender.UNSTATED.value, Gender.OTHER.value)),
            birth_date=birth,
            occupation=(ctx.fake.job() if not b2b else "会社員") if rng.random() < (0.55 if not b2b else 0.2) else None,
            acquisition_channel=rng.choices(_ACQ, cum_weights=_ACQ_B2B_CUM if b2b else _ACQ_B2C_CUM)[0].value
            if rng.random() < 0.92
            else None,
            contact_consent=consent,
            consent_at=at + timedelta(minutes=rng.randint(0, 30)) if consent else None,
            notes=rng.choice(CUSTOMER_NOTES) if rng.random() < 0.12 else None,
        )
        info = Person(0, at, row["full_name"], last[0], f"{first[2]} {last[2]}", None, region.team)
        if not b2b:
            self.recent.append((row, info))
        return row, info

    def _duplicate(self, at: datetime) -> tuple[Row, Person]:
        """The same person registered again: name spaced differently, kana half-width, phone in another format."""
        rng = self.ctx.rng
        original, info = self.recent[rng.randrange(len(self.recent))]
        name = original["full_name"].replace(" ", "").replace("\u3000", "")
        if name == original["full_name"]:
            name = text.surname(original["full_name"]) + " " + name[len(text.surname(original["full_name"])) :]
        kana = original["name_kana"]
        number = original["mobile"] or original["phone"]
        digits = phone_key(number) or text.mobile_number(rng)
        is_mobile = digits.startswith(("090", "080", "070"))
        row = customer_row(
            0,
            name,
            at,
            name_kana=text.to_halfwidth_kana(kana.replace(" ", "")) if kana else None,
            # Written differently from the first registration, so only the normalised key matches.
            mobile=text.format_phone(rng, digits, 3) if is_mobile else None,
            phone=None if is_mobile else digits,
            acquisition_channel=AcquisitionChannel.PHONE.value,
            notes="電話で新規登録（既存登録の有無は未確認）",
        )
        return row, info._replace(created_at=at, full_name=name)

    def join_company(self, row: Row, company: CompanyInfo, first_member: bool) -> None:
        """Work details for a company member: department, title, company e-mail and direct line."""
        rng = self.ctx.rng
        romaji = row["email"].split("@")[0] if row["email"] else "info"
        row["company_id"] = company.id
        row["is_decision_maker"] = first_member  # the first contact at a company is the one who signs (決裁権者)
        title = rng.choice(DECISION_TITLES if first_member else JOB_TITLES) if rng.random() < 0.9 else None
        row["job_title"] = title
        # Directors sit above the departments; everyone else works in one.
        row["department"] = None if title in ("代表取締役", "取締役") else rng.choice(DEPARTMENTS)
        if row["email"]:
            row["email"] = f"{romaji.split('_')[0].rstrip('0123456789')}@{company.domain}"
        if rng.random() < 0.7:
            direct = company.phone_digits[:-4] + f"{rng.randrange(10_000):04d}"
            row["phone"] = text.format_phone(rng, direct, len(company.region.area_code))
        row["postal_code"], row["address"] = (
            (company.postal_code, company.address) if rng.random() < 0.5 else (None, None)
        )
        customer_keys(row)
