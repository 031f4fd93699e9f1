from django_tasks import task

from accord.reviews.services import previews


@task()
def make_version_previews(version_id: int) -> str:
    """Make one version's previews (an image, or a PDF's pages); safe to run twice."""
    return previews.make(version_id)
