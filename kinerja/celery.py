"""The Celery application, used when TASK_BACKEND=celery (the same django.tasks code runs).

Start a worker with: celery -A kinerja.celery worker -l info
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

app = Celery("kinerja")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    lambda: ["kinerja.employees", "kinerja.performance", "kinerja.complaints"], related_name="tasks"
)
