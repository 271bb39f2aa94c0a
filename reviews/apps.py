from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews and feedback")
    role_permissions = {
        "Admin": ["*"],
        "Director": ["view_*"],
        "General manager": ["view_*"],
        "Project manager": ["*"],
        "Member": ["*"],
        # A customer reads the review meetings they attended and rates them.
        "Customer": [
            "add_customersatisfaction",
            "view_meeting",
            "view_meetingfeedback",
            "add_meetingfeedback",
            "change_meetingfeedback",
        ],
    }

    def ready(self) -> None:
        from projects import access, links
        from projects import demo as project_demo
        from projects.tabs import ProjectTab, register
        from reviews import demo
        from reviews.models import Meeting

        register(
            ProjectTab(
                "meetings",
                _("Meetings"),
                "reviews:meeting_list",
                100,
                # A customer's tab only where they attended a review meeting.
                lambda user, project: (
                    access.can(user, access.VIEW, Meeting(project=project))
                    or Meeting.objects.visible_to(user).filter(project=project).exists()
                ),
            )
        )
        project_demo.register(demo.seed)
        links.register_meeting_lookup(
            lambda pk: (
                Meeting.objects.filter(pk=pk)
                .values_list("project_id", flat=True)
                .first()
            )
        )
