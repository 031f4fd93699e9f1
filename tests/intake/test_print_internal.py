"""Internal notes stay out of the print and the PDF unless the account side asks for them,
and then every page says "Agency only"."""

from django.urls import reverse

from accord.intake import services
from accord.intake.models import BriefPdf
from tests.intake.view_helpers import signed_brief

NOTE = "Margin is thin on this one."


def _brief(world):
    return services.save_internal_notes(by=world.alice, brief=signed_brief(world), notes=NOTE)


def test_the_print_leaves_the_notes_out_unless_asked(client, world):
    brief = _brief(world)
    url = reverse("intake:brief_print", args=[brief.pk])
    client.force_login(world.alice)
    plain = client.get(url).text
    assert NOTE not in plain and "Agency only" not in plain
    internal = client.get(url, {"internal": "1"}).text
    assert NOTE in internal and "Agency only" in internal and "print--agency" in internal


def test_a_contact_asking_for_the_notes_gets_the_client_version(client, world):
    brief = _brief(world)
    client.force_login(world.carol)
    response = client.get(reverse("intake:brief_print", args=[brief.pk]), {"internal": "1"})
    assert response.status_code == 200
    assert NOTE not in response.text and "Agency only" not in response.text


def test_the_pdf_audience_follows_the_choice(client, world):
    brief = _brief(world)
    url = reverse("intake:brief_pdf", args=[brief.pk])
    client.force_login(world.alice)
    client.get(url)
    client.get(url, {"internal": "1"})
    client.force_login(world.carol)
    client.get(url, {"internal": "1"})
    made = sorted(BriefPdf.objects.filter(brief=brief).values_list("audience", flat=True))
    assert made == ["agency", "client"]  # Carol's ask was the client version Alice had


def test_the_brief_page_offers_the_choice_to_staff_only(client, world):
    brief = _brief(world)
    client.force_login(world.alice)
    assert "Include internal notes" in client.get(brief.get_absolute_url()).text
    client.force_login(world.carol)
    assert "Include internal notes" not in client.get(brief.get_absolute_url()).text


def test_every_pdf_page_of_the_agency_copy_is_marked(world):
    from accord.intake import pdf

    brief = _brief(world)
    brief.internal_notes = "\n".join(f"Line {n} of the notes." for n in range(150))
    document = pdf.render_document(brief=brief, show_internal=True)
    assert len(document.pages) > 1
    for page in document.pages:
        texts = [b.text for b in page._page_box.descendants() if getattr(b, "text", None)]
        assert any("AGENCY ONLY" in t for t in texts)
    client_copy = pdf.render_document(brief=brief, show_internal=False)
    for page in client_copy.pages:
        texts = [b.text for b in page._page_box.descendants() if getattr(b, "text", None)]
        assert not any("AGENCY ONLY" in t for t in texts)
