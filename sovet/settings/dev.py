"""The embedded default: what `make run` starts."""

from .base import *  # noqa: F403
from .base import LOGGING, VAR_DIR, env

DEBUG = env("DEBUG") or True
SECRET_KEY = env("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"  # noqa: S105
# The demo administrator signs in with a password printed by `make run`; 2FA stays on for them.
VAR_DIR.mkdir(exist_ok=True)

# Keep `make run`'s console readable: page publishing and task runs are logged at INFO.
LOGGING["loggers"].update(
    {name: {"level": "WARNING"} for name in ("wagtail", "django_tasks", "django_tasks_db")}
)
