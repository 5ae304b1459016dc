"""The site's addresses plus /hello/: a Django hello-world measured beside each benchmark, in the
same process and run, so figures on this shared, noisy machine are read as ratios to it."""

from django.http import HttpResponse
from django.urls import path

from sovet.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("hello/", hello), *site_urlpatterns]
