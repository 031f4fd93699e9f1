from django.http import HttpRequest
from ninja import Router, Schema

from accord.core.api_support import ERRORS

router = Router(tags=["people"])


class MeOut(Schema):
    id: int
    email: str
    name: str
    kind: str
    staff_role: str
    disciplines: list[str]
    job_title: str


@router.get("/me", response={200: MeOut, **ERRORS}, operation_id="me")
def me(request: HttpRequest) -> MeOut:
    """The person the request is authenticated as."""
    return MeOut.from_orm(request.user)
