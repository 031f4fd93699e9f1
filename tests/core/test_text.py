"""Small rules for text: a name owning something."""

import pytest
from django.template import Context, Template

from accord.core.text import possessive


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Foods", "Acme Foods’"),
        ("Globex Bank", "Globex Bank’s"),
        ("ACME FOODS", "ACME FOODS’"),
        (" Carol ", "Carol’s"),
        ("", ""),
    ],
)
def test_a_name_ending_in_s_takes_an_apostrophe_alone(name, expected) -> None:
    assert possessive(name) == expected


def test_the_template_filter_escapes_the_name() -> None:
    html = Template("{% load accord_tags %}{{ name|possessive }}").render(
        Context({"name": "<b>Bits & Bobs</b>"})
    )
    assert html == "&lt;b&gt;Bits &amp; Bobs&lt;/b&gt;’s"
