import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Import every view, serializer and form now (the URLconf pulls them in), then
# move the whole start-up heap out of the garbage collector's sight: a request
# that allocates many objects (an API page of 50 meetings with their people
# and agendas) then no longer pays for full collections that walk every
# module, class and schema of the app. That was the long tail of such pages.
get_resolver().url_patterns  # noqa: B018 - imported for its side effect
gc.freeze()
