"""Error pages (the handlers config/urls.py names) and the language switcher."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import i18n
from django.views.decorators.http import require_POST

from accounts import services


def permission_denied(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the error may be the database.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The navbar's language switcher: Django's own view (a cookie for the
    session), and the choice kept on the profile of a signed-in user."""
    response = i18n.set_language(request)
    code = request.POST.get("language", "")
    if code == "":  # the profile's "the browser's language"
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    if request.user.is_authenticated and (
        code == "" or code in dict(settings.LANGUAGES)
    ):
        services.language_set(user=request.user, language=code)  # type: ignore[arg-type]
    return response


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, object] | None = None,
) -> HttpResponse:
    """The sign-in refused by django-axes (AXES_LOCKOUT_CALLABLE): 429 and
    when to try again."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": minutes,
    }
    return render(request, "registration/locked_out.html", context, status=429)
