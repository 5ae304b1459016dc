"""The production settings with /hello/ beside the site's addresses (bench/hello_urls.py), for
benchmarks that run gunicorn and measure a Django hello-world in the same run."""

from sovet.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.hello_urls"
