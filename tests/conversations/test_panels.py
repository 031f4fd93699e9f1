"""The conversations section on the pages of a client, a job and a deliverable, as each sees it."""

from django.urls import reverse

from accord.work.models import Deliverable

from .talk import acme_job, carol_asks, team_thread


def test_the_job_page_lists_its_conversations_for_each_audience(client, world):
    job = acme_job(world)
    carol_asks(world, job)
    team_thread(world, job)
    url = reverse("work:job_detail", args=[job.pk])
    client.force_login(world.alice)
    page = client.get(url).content.decode()
    assert "Logo size" in page and "Spring launch: team" in page and "Talk with the team" in page
    client.force_login(world.carol)
    page = client.get(url).content.decode()
    assert "Logo size" in page and "Spring launch: team" not in page
    assert "Talk with the team" not in page and "Write to the agency" in page
    client.force_login(world.dan)
    page = client.get(url).content.decode()
    assert "Spring launch: team" in page and "Logo size" not in page
    assert "Write to the client" not in page


def test_the_deliverable_and_client_pages_show_theirs(client, world):
    job = acme_job(world)
    banner = Deliverable.objects.create(job=job, title="Hero banner", owner=world.dan)
    from accord.conversations.services import threads

    threads.start_thread(
        by=world.alice,
        client=world.acme,
        audience="client",
        subject="Banner questions",
        body="Which photo do you prefer?",
        deliverable=banner,
        people=[world.carol],
    )
    client.force_login(world.carol)
    page = client.get(reverse("reviews:deliverable", args=[banner.pk])).content.decode()
    assert "Banner questions" in page
    client.force_login(world.alice)
    page = client.get(reverse("clients:detail", args=[world.acme.pk])).content.decode()
    assert "Banner questions" in page


def test_a_thread_page_and_the_inbox_render_for_each_side(client, world):
    thread = carol_asks(world)
    client.force_login(world.carol)
    assert (
        "Can the logo be bigger?"
        in client.get(reverse("conversations:thread", args=[thread.pk])).content.decode()
    )
    assert "Logo size" in client.get(reverse("conversations:inbox")).content.decode()
    client.force_login(world.gus)
    assert client.get(reverse("conversations:thread", args=[thread.pk])).status_code == 404


def test_alice_opens_a_jobs_client_threads_to_its_team_from_the_job_page(client, world):
    job = acme_job(world)
    thread = carol_asks(world, job)
    url = reverse("work:job_detail", args=[job.pk])
    client.force_login(world.alice)
    assert "Let the team write to the client here" in client.get(url).content.decode()
    toggle = reverse("conversations:team_voice", args=[job.pk])
    answer = client.post(toggle, {"open": "1", "next": "//evil.test/"})
    assert answer.status_code == 302 and answer["Location"] == url
    client.force_login(world.dan)
    assert "Let the team" not in client.get(url).content.decode()
    assert client.post(toggle, {"open": "0"}).status_code == 403
    page = client.get(reverse("conversations:thread", args=[thread.pk]))
    assert page.status_code == 200 and "Send to the client" in page.content.decode()


def test_the_client_page_gives_the_clients_own_address(client, world):
    client.force_login(world.carol)
    page = client.get(reverse("clients:detail", args=[world.acme.pk])).content.decode()
    assert "acme-foods@reply.localhost" in page
