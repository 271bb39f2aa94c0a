from django.urls import path

from teams import appraisal_urls, part2_urls, views

app_name = "teams"
urlpatterns = [
    path("team/", views.index, name="index"),
    *appraisal_urls.urlpatterns,
    *part2_urls.urlpatterns,
]
