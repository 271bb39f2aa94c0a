"""The benchmark's floors: the cheapest signed-in pages.

Served only when MILEPOST_BENCH=1 (config/urls.py), through the same
middleware stack and server as every page. `floor` renders the site layout
(base.html: navbar, context processors, CSP nonce) around an empty content
block, the fixed cost every page pays; `plain` answers a line of text, the
cost of the server, middleware, session and user alone. A page's time over
the floor's is what the page itself costs.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


@login_required
def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"ok {request.user.pk}\n", content_type="text/plain")
