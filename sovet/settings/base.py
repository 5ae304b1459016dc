"""Settings shared by every environment.

Every environment variable is declared once, with its type and default, in ``env`` below.
The defaults run the embedded site: SQLite, media and private files in ``var/``, local-memory cache,
the database task backend and console e-mail.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, None),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    DATABASE_URL=(str, f"sqlite:///{VAR_DIR / 'sovet.sqlite3'}"),
    DATABASE_REPLICA_URL=(str, ""),
    REDIS_URL=(str, ""),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "КСОРС <noreply@sovet.kg>"),
    COUNCIL_EMAIL=(str, "council@sovet.kg"),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    MEDIA_ROOT=(str, str(VAR_DIR / "media")),
    MEDIA_URL=(str, "/media/"),
    SERVE_MEDIA=(bool, False),
    PRIVATE_ROOT=(str, str(VAR_DIR / "private")),
    AWS_STORAGE_BUCKET_NAME=(str, ""),
    AWS_S3_ENDPOINT_URL=(str, ""),
    AWS_S3_REGION_NAME=(str, ""),
    AWS_ACCESS_KEY_ID=(str, ""),
    AWS_SECRET_ACCESS_KEY=(str, ""),
    STAFF_REQUIRE_2FA=(bool, True),
    LOG_JSON=(bool, False),
    TRUSTED_PROXY_COUNT=(int, 0),
    MAP_TILE_URL=(str, ""),
    MAP_TILE_ATTRIBUTION=(str, ""),
    PAGE_CACHE_SECONDS=(int, 600),
    PAGE_CACHE_SHARED_SECONDS=(int, 60),
    VARNISH_URL=(list, []),
    HELPDESK_INBOUND_EMAIL=(str, ""),
)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
SITE_URL = env("SITE_URL").rstrip("/")
# The help desk's inbound address (help@sovet.kg): letters to help+<key>@… land in a request
# (sovet/helpdesk/inbound.py; the mail server pipes them to `manage.py helpdesk_inbound`).
HELPDESK_INBOUND_EMAIL = env("HELPDESK_INBOUND_EMAIL")
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = [SITE_URL]

INSTALLED_APPS = [
    # Our apps first, so that their templates override the libraries' ones; in the order of
    # their layers (pyproject.toml's import contract), so each app's demo finds the lower ones'.
    "sovet.core",
    "sovet.accounts",
    "sovet.organizations",
    "sovet.conferences",
    "sovet.memory",
    "sovet.places",
    "sovet.events",
    "sovet.helpdesk",
    "sovet.community",
    "sovet.site",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Outermost: a page kept for anonymous visitors goes back whole, no other middleware run.
    "sovet.core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages a quarter of their size on a slow line (static files come compressed by WhiteNoise).
    # Django pads compressed responses against BREACH; CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "sovet.accounts.middleware.StaffTwoFactorMiddleware",
    "csp.middleware.CSPMiddleware",
    "sovet.core.middleware.AdminInlineScripts",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "sovet.urls"
# A form refused for its CSRF token says so in the visitor's language (core/views.py).
CSRF_FAILURE_VIEW = "sovet.core.views.csrf_failure"
WSGI_APPLICATION = "sovet.wsgi.application"

# No "loaders" here on purpose: Django then wraps the app and folder loaders in its cached
# loader (each template parsed once per process), which "loaders" set by hand would turn off.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "sovet.core.context_processors.site_context",
            ],
        },
    },
]

# Django's, with the simplest widgets written in Python to the templates' markup.
FORM_RENDERER = "sovet.core.forms_renderer.QuickRenderer"

DATABASES = {"default": env.db("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the embedded site serve readers while one request writes;
    # IMMEDIATE makes each transaction.atomic() take the write lock at once, so two writers
    # queue instead of failing on a lock upgrade. Reads run outside transactions.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Connections are kept between requests: a new one per request costs the connect (and on SQLite
# the PRAGMAs above, which then run once per connection) on every page.
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A read replica (core/db_router.py): requests read from it, except inside transaction.atomic,
# after they wrote, and for DATABASE_REPLICA_PIN_SECONDS after a visitor's write.
DATABASE_REPLICAS = []
DATABASE_REPLICA_PIN_SECONDS = 10
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS = ["replica"]
    DATABASE_ROUTERS = ["sovet.core.db_router.ReplicaRouter"]
    # Second: the page cache stays outermost (a page served from it reads nothing).
    MIDDLEWARE.insert(1, "sovet.core.db_router.ReplicaMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Losing Redis slows the site down, never stops it: see core/cache_backends.py.
            "BACKEND": "sovet.core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    # Sessions read from Redis, written through to the database: every app server sees them,
    # and they outlive a flush of the cache.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole pages for anonymous visitors (core/page_cache.py): kept PAGE_CACHE_SECONDS here (0 turns
# it off), PAGE_CACHE_SHARED_SECONDS in shared caches that are not told of changes (a CDN).
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS")
PAGE_CACHE_SHARED_SECONDS = env("PAGE_CACHE_SHARED_SECONDS")
# Menus, breadcrumbs, routes and the like, kept per content version (core/fragments.py).
FRAGMENT_CACHE = True
PAGE_CACHE_SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/accounts/", "/csrf/")
# The reverse proxy in front (deploy/varnish/sovet.vcl) is told what changed: see page_cache.py.
# VARNISH_URL lists them, comma-separated, when there are several.
if env("VARNISH_URL"):
    WAGTAILFRONTENDCACHE = {
        f"varnish{n or ''}": {"BACKEND": "sovet.core.page_cache.VarnishBackend", "LOCATION": url}
        for n, url in enumerate(env("VARNISH_URL"))
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# django-allauth: e-mail is the login; it must be verified before the account is used.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "3/10m/key",
}
ACCOUNT_ADAPTER = "sovet.accounts.adapter.AccountAdapter"
# Behind reverse proxies, rate limits must count visitors, not the proxy: see core/net.py.
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
RATELIMIT_IP_META_KEY = "sovet.core.net.client_ip"
# Without the cache (Redis down) limits count nothing and let visitors through, rather than refuse
# every form on the site (core/cache_backends.py): on 9 May a story sent matters more.
RATELIMIT_FAIL_OPEN = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "КСОРС"
STAFF_REQUIRE_2FA = env("STAFF_REQUIRE_2FA")

LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", "Русский"),
    ("ky", "Кыргызча"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bishkek"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["sovet.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end libraries installed by npm (see package.json), served under /static/vendor/.
STATICFILES_DIRS = [
    ("vendor/leaflet", BASE_DIR / "node_modules/leaflet/dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules/leaflet.markercluster/dist"),
]
MEDIA_ROOT = env("MEDIA_ROOT")
MEDIA_URL = env("MEDIA_URL")
# Media from MEDIA_ROOT served by the app servers themselves (deploy/stack on one machine, without
# object storage); in production they come from object storage or the web server in front.
SERVE_MEDIA = env("SERVE_MEDIA")
# Private files (core/private_files.py): never under MEDIA_URL, served only by views that check.
PRIVATE_ROOT = env("PRIVATE_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "sovet.core.private_files.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env("AWS_STORAGE_BUCKET_NAME"):
    _S3_OPTIONS = {
        "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env("AWS_S3_REGION_NAME") or None,
        "access_key": env("AWS_ACCESS_KEY_ID"),
        "secret_key": env("AWS_SECRET_ACCESS_KEY"),
        "default_acl": "private",
        "querystring_auth": True,
        # A second upload of the same name gets a new name, as on disk: a stored file never
        # changes in place (backups and caches rely on it).
        "file_overwrite": False,
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _S3_OPTIONS}
    # The same bucket under private/, which no bucket policy may open to the public.
    STORAGES["private"] = {
        "BACKEND": "sovet.core.private_s3.PrivateS3Storage",
        "OPTIONS": {**_S3_OPTIONS, "location": "private"},
    }

EMAIL_CONFIG = env.email_url("EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
COUNCIL_EMAIL = env("COUNCIL_EMAIL")

# Uploads: the limits that core.images and core.uploads enforce for every file sent to the site.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_IMAGE_BYTES = 10 * 1024 * 1024
UPLOAD_MAX_IMAGE_PIXELS = 40_000_000
UPLOAD_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

WAGTAIL_SITE_NAME = "КСОРС"
# No Gravatar: an avatar from a third-party server is a request to it (and a broken image here).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILDOCS_DOCUMENT_MODEL = "core.LibraryDocument"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "txt",
    "md",
]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "sovet.core.forms.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "sovet.core.forms.CheckedImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = UPLOAD_MAX_IMAGE_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = UPLOAD_MAX_IMAGE_PIXELS
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# One search configuration per language: see sovet/core/search.py.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "sovet.core.search", "SEARCH_CONFIG": "russian"},
}

# Security headers that hold in every environment; production.py adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Map tiles come from a tile server of your choice; without one, maps degrade to lists.
MAP_TILE_URL = env("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION")
_TILE_ORIGIN = "/".join(MAP_TILE_URL.split("/")[:3]).replace("{s}.", "*.") if MAP_TILE_URL else ""

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
    "geolocation": ["self"],  # "places near me" on the memory map
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if env("LOG_JSON") else "plain",
        }
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint tells every step of every PDF at INFO (and parses its own CSS on import).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},  # a line per table of every font it cuts for a PDF
    },
}
