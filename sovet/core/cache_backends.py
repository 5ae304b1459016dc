"""Redis as a cache the site can lose: when Redis is down, every read misses and every write is
dropped, so pages are still served (built afresh), only slower.

What that means for each user of the cache: the page cache and the fragment caches miss; the
content version is read as new on every request (nothing stale can be served); rate limits
(django-ratelimit, allauth) count nothing and let requests through until Redis is back; sessions
live in the database, not here, so nobody is signed out.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

DOWN = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY_SECONDS = 30


class ResilientRedisCache(RedisCache):
    _last_logged = 0.0

    def _down(self, error) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged > LOG_EVERY_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.warning("Redis is unreachable, the cache is bypassed: %s", error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except DOWN as error:
            self._down(error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except DOWN as error:
            self._down(error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except DOWN as error:
            self._down(error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except DOWN as error:
            self._down(error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except DOWN as error:
            self._down(error)
            return None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except DOWN as error:
            self._down(error)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except DOWN as error:
            self._down(error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except DOWN as error:
            self._down(error)
            raise ValueError(f"Key '{key}' not found (Redis is unreachable)") from error

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except DOWN as error:
            self._down(error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except DOWN as error:
            self._down(error)

    def clear(self):
        try:
            return super().clear()
        except DOWN as error:
            self._down(error)
            return False
