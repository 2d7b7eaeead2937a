"""The product's URLs behind the benchmark's floor view (benchmark settings only)."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler403, handler404, handler500
from portal.urls import urlpatterns as product_urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]

FLOOR_PATH = "/__bench__/floor/"


def floor(request):
    """Nothing but Django and the portal's middleware: what no page can be faster than."""
    return HttpResponse("floor", content_type="text/plain")


urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor, name="bench-floor"), *product_urlpatterns]
