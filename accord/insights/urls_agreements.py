"""The agreements pages of insights (included by accord/insights/urls.py)."""

from django.urls import path

from accord.insights import views_agreements as views

urlpatterns = [
    path("clients/<int:client_id>/agreed/", views.agreed, name="agreed"),
    path("clients/<int:client_id>/agreed.pdf", views.agreed_pdf, name="agreed_pdf"),
    path("clients/<int:client_id>/notes/new/", views.note_new, name="note_new"),
    path("notes/<int:note_id>/", views.note_page, name="note"),
    path("notes/<int:note_id>/confirm/", views.note_confirm, name="note_confirm"),
    path("notes/<int:note_id>/correct/", views.note_correct, name="note_correct"),
    path("notes/<int:note_id>/withdraw/", views.note_withdraw, name="note_withdraw"),
    path("notes/<int:note_id>/revise/", views.note_revise, name="note_revise"),
]
