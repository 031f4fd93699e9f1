"""`{% compose_assist field where subject %}`: help that apps above offer beside a text box."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from accord.core.compose import assists_for

register = template.Library()


@register.simple_tag(takes_context=True)
def compose_assist(
    context: template.Context, field: Any, where: str, subject: Any = None
) -> SafeString:
    request = context.get("request")
    if request is None or field is None:
        return SafeString("")
    return assists_for(request, field, where, subject)
