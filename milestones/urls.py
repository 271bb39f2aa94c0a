from milestones.kind import MILESTONE
from projects.records import record_urls

app_name = "milestones"
urlpatterns = record_urls(MILESTONE)
