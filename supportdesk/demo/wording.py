"""Turning a topic's phrases into the messages of a thread, dressed for the channel they came through."""

import random
from typing import Any

from supportdesk.demo import text
from supportdesk.demo.topics import (
    AGENT_CLOSERS,
    AGENT_OPENERS,
    CUSTOMER_CLOSERS,
    CUSTOMER_OPENERS_B2B,
    CUSTOMER_OPENERS_B2C,
    ENGLISH_SIGN_OFF,
)
from supportdesk.models import Channel

Fields = dict[str, Any]

_SHORT_CHANNELS = (Channel.CHAT, Channel.LINE)
# Stands for a delivery or pick-up date until the message's time is known; no width conversion touches it.
ETA_MARK = "〔予定日〕"


def fill(template: str, fields: Fields) -> str:
    return template.format_map(fields)


def _as_typed(rng: random.Random, message: str) -> str:
    """Some customers type with the IME in full-width mode or paste half-width kana from an old system."""
    roll = rng.random()
    if roll < 0.07:
        return text.to_fullwidth_ascii(message)
    if roll < 0.11:
        return text.to_halfwidth_kana(message)
    return message


def customer_message(rng: random.Random, body: str, channel: Channel, fields: Fields, *, first: bool) -> str:
    body = fill(body, fields)
    if channel in _SHORT_CHANNELS:
        message = body
    elif channel == Channel.PHONE:
        message = f"（電話受付）{body}"
    elif channel == Channel.IN_PERSON:
        message = f"（窓口来店）{body}"
    else:
        openers = CUSTOMER_OPENERS_B2B if fields.get("company") else CUSTOMER_OPENERS_B2C
        opener = fill(rng.choice(openers), fields) if first else ""
        closer = rng.choice(CUSTOMER_CLOSERS)
        message = "\n".join(part for part in (opener, body, closer) if part)
        if channel == Channel.WEB_FORM and first:
            message = f"【お問い合わせフォーム】\nお名前: {fields['full_name']}\n内容:\n{message}"
    return _as_typed(rng, message)


def agent_reply(rng: random.Random, body: str, channel: Channel, fields: Fields) -> str:
    body = fill(body, fields)
    if channel in _SHORT_CHANNELS:
        return f"{fields['agent']}です。{body}"
    opener = fill(rng.choice(AGENT_OPENERS), fields)
    closer = rng.choice(AGENT_CLOSERS)
    return f"{fields['addressee']}\n\n{opener}\n{body}\n{closer}\n\n{fields['team']} {fields['agent']}"


def english_message(body: str, fields: Fields) -> str:
    return f"Hello,\n\n{fill(body, fields)}\n\nBest regards,\n{fields['romaji']}"


def english_reply(body: str, fields: Fields) -> str:
    return f"Dear {fields['romaji']},\n\n{fill(body, fields)}\n\n{fill(ENGLISH_SIGN_OFF, fields)}"


def call_log(rng: random.Random, summary: str, fields: Fields, seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    prefix = rng.choice(("【通話記録】", "【入電】", "【架電】", ""))
    return f"{prefix}{fill(summary, fields)}（通話{minutes}分）"


def subject(rng: random.Random, template: str, fields: Fields) -> str:
    line = fill(template, fields)
    if rng.random() < 0.05:
        line = text.to_fullwidth_ascii(line)
    return line[:300]
