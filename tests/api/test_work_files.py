"""The API lists a request's files on the brief and the job, with their thumbnails."""

import pytest

from tests.intake.test_thumbnails import _job_with_files, media  # noqa: F401 (a fixture)
from tests.work.helpers import put_on_job


@pytest.mark.usefixtures("media")
def test_the_api_lists_files_with_their_thumbnails(world, as_persona):
    job, image = _job_with_files(world)
    dan = as_persona("dan")
    for path in (f"/briefs/{job.brief_id}", f"/jobs/{job.pk}"):
        files = {f["name"]: f for f in dan.get(path).json()["attachments"]}
        assert files["shelf.png"]["thumbnail_state"] == "ready"
        assert files["shelf.png"]["thumbnail_url"].endswith(f"/attachments/{image.pk}/thumbnail")
        assert files["notes.txt"]["thumbnail_state"] == "none"
        assert files["notes.txt"]["thumbnail_url"] is None
    thumb = dan.get(f"/attachments/{image.pk}/thumbnail")
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/png"
    for outsider in ("cora", "sam"):  # on Acme's team but not the job; on neither
        refused = as_persona(outsider).get(f"/attachments/{image.pk}/thumbnail")
        assert refused.status_code == 404


def test_the_request_status_reads_in_each_readers_words_and_follows_the_job(world, as_persona):
    from tests.intake.test_request_follows_work import _in_work

    request, job = _in_work(world)
    carol, alice = as_persona("carol"), as_persona("alice")
    mine = carol.get(f"/requests/{request.pk}").json()
    assert (mine["status"], mine["status_label"]) == ("in_work", "In progress")
    assert mine["overdue"] is False
    listed = alice.get("/requests").json()["items"][0]
    assert (listed["status"], listed["status_label"]) == ("in_work", "In work")
    put_on_job(job, world.dan)
    assert as_persona("dan").post(f"/jobs/{job.pk}/done").status_code == 403  # sees, not finishes
    done = alice.post(f"/jobs/{job.pk}/done")
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert carol.get(f"/requests/{request.pk}").json()["status_label"] == "Delivered"
    assert alice.post(f"/jobs/{job.pk}/done").status_code == 409


def test_requests_sort_and_filter_by_the_date_needed(world, as_persona):
    from tests.intake.test_needed_by import _filed

    _filed(world, "Later", 20)
    _filed(world, "Late", -1)
    _filed(world, "Whenever", None)
    alice = as_persona("alice")
    listed = alice.get("/requests", sort="needed_by").json()["items"]
    assert [(r["title"], r["overdue"]) for r in listed] == [
        ("Late", True),
        ("Later", False),
        ("Whenever", False),
    ]
    assert [r["title"] for r in alice.get("/requests", overdue="true").json()["items"]] == ["Late"]
    queue = alice.get("/intake/queue", request_sort="needed_by").json()["new_requests"]["items"]
    assert [r["title"] for r in queue] == ["Late", "Later", "Whenever"]
    assert queue[0]["overdue"] is True and queue[0]["needed_by"]
