"""Amounts of money: read as people write them, spelled one way everywhere."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.core import money


@pytest.mark.parametrize(
    ("typed", "low", "high", "currency", "spelled"),
    [
        ("£8,000–10,000", "8000", "10000", "GBP", "£8,000–10,000"),
        ("8000-10000 GBP", "8000", "10000", "GBP", "£8,000–10,000"),
        ("$1,500.5", "1500.5", "1500.5", "USD", "$1,500.50"),
        ("eur 12k", "12000", "12000", "EUR", "€12,000"),
        ("¥150000", "150000", "150000", "JPY", "¥150,000"),
        ("CHF 8,000 to 9,000", "8000", "9000", "CHF", "CHF 8,000–9,000"),
        ("1.5m", "1500000", "1500000", "", "1,500,000"),
    ],
)
def test_a_budget_is_read_with_its_currency_and_spelled_one_way(
    typed, low, high, currency, spelled
):
    budget = money.read_budget(typed)
    assert (budget.low, budget.high, budget.currency) == (Decimal(low), Decimal(high), currency)
    assert budget.display == spelled


def test_a_budget_without_a_currency_takes_the_default():
    assert money.read_budget("12000", default_currency="EUR").display == "€12,000"
    assert money.read_budget("$12000", default_currency="EUR").currency == "USD"


@pytest.mark.parametrize("typed", ["15000 XYZ", "XYZ 15000", "15k ABC"])
def test_an_unknown_currency_code_is_named(typed):
    with pytest.raises(money.UnknownCurrency) as unknown:
        money.read_budget(typed)
    assert unknown.value.code in {"XYZ", "ABC"}


@pytest.mark.parametrize(
    "typed", ["12,5", "1e5", "-5000", "£5–$6", "£5 USD", "15000-10000", "lots", "", "k"]
)
def test_what_is_not_an_amount_is_unreadable(typed):
    with pytest.raises(money.Unreadable):
        money.read_budget(typed)


def test_an_old_answer_that_is_not_an_amount_is_shown_as_it_is():
    assert money.shown("about ten grand", default_currency="GBP") == "about ten grand"
    assert money.shown("8000–10000", default_currency="GBP") == "£8,000–10,000"


def test_the_currency_table_knows_minor_units_and_refuses_funds():
    assert money.CURRENCIES["GBP"] == 2 and money.CURRENCIES["JPY"] == 0
    assert money.CURRENCIES["KWD"] == 3
    assert not money.is_currency("XYZ") and not money.is_currency("gbp")


AMOUNTS = st.decimals(min_value=0, max_value=10**11, places=2, allow_nan=False)


@given(AMOUNTS, AMOUNTS, st.sampled_from(["", "GBP", "USD", "EUR", "JPY", "CHF", "SEK"]))
def test_what_is_spelled_reads_back_as_the_same_budget(a, b, currency):
    low, high = min(a, b), max(a, b)
    if money.CURRENCIES.get(currency) == 0:  # yen come whole
        low, high = low.to_integral_value(), high.to_integral_value()
    budget = money.read_budget(money.spelled(low, high, currency))
    assert (budget.low, budget.high, budget.currency) == (low, high, currency)


@given(st.text(max_size=120))
def test_any_text_is_read_or_refused_never_anything_else(text):
    try:
        budget = money.read_budget(text)
    except (money.Unreadable, money.UnknownCurrency):
        return
    assert budget.low <= budget.high < money.MAX_AMOUNT


def test_a_long_text_is_refused_unread():
    with pytest.raises(money.Unreadable):
        money.read_budget("1" * 101)
    assert money.shown("£ " + "1 " * 5_000) == "£ " + "1 " * 5_000


def test_a_sign_shared_by_currencies_means_the_clients_own():
    assert money.read_budget("$5,000", default_currency="CAD").display == "CAD 5,000"
    assert money.read_budget("$5,000", default_currency="GBP").display == "$5,000"
    assert money.read_budget("¥800", default_currency="CNY").currency == "CNY"
    assert money.read_budget("¥800", default_currency="EUR").currency == "JPY"


def test_yen_have_no_smaller_unit():
    with pytest.raises(money.Unreadable):
        money.read_budget("¥1,000.50")
    assert money.read_budget("¥1,000").display == "¥1,000"
