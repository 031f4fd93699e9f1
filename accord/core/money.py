"""Amounts of money as people write them: one currency table, one reader, one spelling.

A budget is an amount or a range of two, with a currency given by a sign (£ $ € ¥) or an
ISO 4217 code before or after either amount. It is read into Decimals and written back in one
spelling, "£8,000–10,000", wherever it is shown: pages, version diffs, PDFs, emails and the API.
Pure functions, no ORM.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

# Active ISO 4217 codes and their minor units (decimals). Funds and metals are left out.
_MINOR_UNITS = {
    0: "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
    3: "BHD IQD JOD KWD LYD OMR TND",
    4: "CLF UYW",
}
_TWO_DECIMALS = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN "
    "BZD CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS "
    "GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR "
    "LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD "
    "PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN "
    "SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD YER ZAR ZMW ZWG"
)
CURRENCIES: dict[str, int] = {
    code: units
    for units, codes in [(2, _TWO_DECIMALS), *_MINOR_UNITS.items()]
    for code in codes.split()
}
# The signs people type for a currency, and the one each currency is shown with.
SIGNS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY"}
SYMBOLS = {code: sign for sign, code in SIGNS.items()}
# Currencies written with a sign of another's: "$5,000" from a Canadian client is in Canadian
# dollars, "¥" from a Chinese one in yuan. A client's own currency wins for its sign.
SHARED_SIGNS = {
    "$": {
        *[
            "AUD",
            "BBD",
            "BMD",
            "BND",
            "BSD",
            "BZD",
            "CAD",
            "FJD",
            "GYD",
            "HKD",
            "JMD",
            "KYD",
            "LRD",
            "MXN",
            "NAD",
            "NZD",
            "SBD",
            "SGD",
            "SRD",
            "TTD",
            "TWD",
            "XCD",
        ]
    },
    "¥": {"CNY"},
}
ACCEPTED = "an amount like 15000, £15,000, 15k, EUR 15,000 or a range like £10,000–15,000"

MAX_AMOUNT = Decimal(10) ** 12  # far beyond any brief's budget; keeps Decimal arithmetic exact
MAX_TEXT = 100  # the longest budget read, as an answer of its kind (rules.MAX_LENGTH)
_MARK = r"(?:[£$€¥]|[a-z]{3}(?![a-z]))"
_AMOUNT = re.compile(
    rf"(?P<before>{_MARK})?\s*(?P<whole>\d{{1,3}}(?:(?:,|[ \u2009\u202f])\d{{3}})+|\d+)"
    rf"(?:\.(?P<cents>\d{{1,2}}))?\s*(?P<scale>[km](?![a-z]))?\s*(?P<after>{_MARK})?",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(?P<low>.+?)\s*(?:-|–|—|\bto\b)\s*(?P<high>.+)", re.IGNORECASE)
_SCALES = {"": 1, "k": 1_000, "m": 1_000_000}


class Unreadable(ValueError):
    """Not an amount or range we can read."""


class UnknownCurrency(ValueError):
    """A currency code that is not ISO 4217 ("15000 XYZ")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Budget:
    low: Decimal
    high: Decimal
    currency: str  # ISO 4217, or "" when none was given and none applies

    @property
    def display(self) -> str:
        return spelled(self.low, self.high, self.currency)


def is_currency(code: str) -> bool:
    return code in CURRENCIES


def _currency(mark: str | None, default: str) -> str:
    if not mark:
        return ""
    if mark in SIGNS:
        return default if default in SHARED_SIGNS.get(mark, ()) else SIGNS[mark]
    code = mark.upper()
    if code not in CURRENCIES:
        raise UnknownCurrency(code)
    return code


def _amount(text: str, default: str) -> tuple[Decimal, str]:
    match = _AMOUNT.fullmatch(text.strip())
    if match is None:
        raise Unreadable(text)
    before, after = _currency(match["before"], default), _currency(match["after"], default)
    if before and after and before != after:
        raise Unreadable(text)
    if match["cents"] and int(match["cents"]) and CURRENCIES.get(before or after or default) == 0:
        raise Unreadable(text)  # "¥1,000.50": yen have no smaller unit
    whole = re.sub(r"[^\d]", "", match["whole"])
    amount = Decimal(f"{whole}.{match['cents'] or '0'}") * _SCALES[(match["scale"] or "").lower()]
    if amount >= MAX_AMOUNT:
        raise Unreadable(text)
    return amount, before or after


def read_budget(text: str, *, default_currency: str = "") -> Budget:
    """`text` as an amount or a range (low first), in its own currency or `default_currency`.

    Raises `Unreadable`, or `UnknownCurrency` for a code that is not ISO 4217."""
    text = text.strip()
    if len(text) > MAX_TEXT:  # no budget is written at such length: refused unread
        raise Unreadable(text[:MAX_TEXT])
    try:
        amount, currency = _amount(text, default_currency)
        low = high = amount
    except Unreadable:
        if (parts := _RANGE.fullmatch(text)) is None:
            raise
        low, low_currency = _amount(parts["low"], default_currency)
        high, high_currency = _amount(parts["high"], default_currency)
        if low > high or (low_currency and high_currency and low_currency != high_currency):
            raise Unreadable(text) from None
        currency = low_currency or high_currency
    return Budget(low, high, currency or default_currency)


def _number(amount: Decimal) -> str:
    if amount == amount.to_integral_value():
        return f"{amount.quantize(Decimal(1)):,}"
    return f"{amount.quantize(Decimal('0.01')):,}"


def spelled(low: Decimal, high: Decimal, currency: str) -> str:
    """One spelling of an amount or range: "£8,000–10,000", "CHF 1,500.50", "12,000"."""
    numbers = _number(low) if low == high else f"{_number(low)}–{_number(high)}"
    if not currency:
        return numbers
    if currency in SYMBOLS:
        return f"{SYMBOLS[currency]}{numbers}"
    return f"{currency} {numbers}"


def shown(answer: str, *, default_currency: str = "") -> str:
    """A stored budget answer in its one spelling, in `default_currency` when it names none;
    an answer that does not read as one (stored before budgets were checked) as it is."""
    try:
        return read_budget(answer, default_currency=default_currency).display
    except ValueError:
        return answer
