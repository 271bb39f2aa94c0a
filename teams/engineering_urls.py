"""URLs of technical reviews, plans, standards and purchase plans, merged
into teams/urls.py (namespace `teams`)."""

from django.urls import path

from teams.views import engineering as views

urlpatterns = [
    path("team/reviews/", views.review_list, name="technical_reviews"),
    path("team/reviews/new/", views.review_create, name="technical_review_create"),
    path("team/reviews/<int:pk>/", views.review_detail, name="technical_review"),
    path(
        "team/reviews/<int:pk>/edit/",
        views.review_edit,
        name="technical_review_edit",
    ),
    path(
        "team/reviews/<int:pk>/step/",
        views.review_step,
        name="technical_review_step",
    ),
    path(
        "team/reviews/<int:pk>/decide/",
        views.review_decide,
        name="technical_review_decide",
    ),
    path(
        "team/reviews/<int:pk>/document/",
        views.review_document,
        name="technical_review_document",
    ),
    path(
        "team/review-conditions/<int:pk>/done/",
        views.condition_done,
        name="review_condition_done",
    ),
    path(
        "projects/<int:project_pk>/technical-reviews/",
        views.project_reviews,
        name="project_technical_reviews",
    ),
    path("team/tech-plans/", views.plan_list, name="tech_plans"),
    path("team/tech-plans/new/", views.plan_create, name="tech_plan_create"),
    path("team/tech-plans/<int:pk>/", views.plan_detail, name="tech_plan"),
    path("team/tech-plans/<int:pk>/edit/", views.plan_edit, name="tech_plan_edit"),
    path("team/tech-plans/<int:pk>/step/", views.plan_step, name="tech_plan_step"),
    path(
        "team/tech-plans/<int:pk>/progress/",
        views.plan_progress,
        name="tech_plan_progress",
    ),
    path(
        "team/tech-plans/<int:pk>/<str:kind>/add/",
        views.plan_part_add,
        name="tech_plan_part_add",
    ),
    path(
        "team/tech-plans/<int:pk>/<str:kind>/<int:part_pk>/delete/",
        views.plan_part_delete,
        name="tech_plan_part_delete",
    ),
    path("team/standards/", views.standard_list, name="tech_standards"),
    path("team/standards/new/", views.standard_create, name="tech_standard_create"),
    path("team/standards/<int:pk>/", views.standard_detail, name="tech_standard"),
    path(
        "team/standards/<int:pk>/edit/",
        views.standard_edit,
        name="tech_standard_edit",
    ),
    path(
        "team/standards/<int:pk>/step/",
        views.standard_step,
        name="tech_standard_step",
    ),
    path("team/purchases/", views.purchase_list, name="purchase_plans"),
    path("team/purchases/new/", views.purchase_create, name="purchase_plan_create"),
    path("team/purchases/<int:pk>/", views.purchase_detail, name="purchase_plan"),
    path(
        "team/purchases/<int:pk>/edit/",
        views.purchase_edit,
        name="purchase_plan_edit",
    ),
    path(
        "team/purchases/<int:pk>/step/",
        views.purchase_step,
        name="purchase_plan_step",
    ),
    path(
        "team/purchases/<int:pk>/items/",
        views.purchase_item_add,
        name="purchase_item_add",
    ),
    path(
        "team/purchases/<int:pk>/items/<int:item_pk>/delete/",
        views.purchase_item_delete,
        name="purchase_item_delete",
    ),
]
