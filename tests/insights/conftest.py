"""What the insights tests share: a task queue the test empties itself, as the worker would."""

from collections.abc import Callable

import pytest
from django_tasks import default_task_backend


@pytest.fixture
def queue(settings):
    """Tasks wait in the queue until the test plays the worker (`worker`)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


@pytest.fixture
def worker(queue) -> Callable[[], list[str]]:
    """Runs what is queued, as the worker would later; what each task answered."""

    def run() -> list[str]:
        done = [result.task.call(*result.args) for result in queue.results]
        queue.clear()
        return done

    return run
