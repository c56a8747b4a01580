from django.urls import include, path
from django.views.i18n import set_language

from hub.api import views
from hub.families import office_views as families_office
from hub.families import views as families_views

urlpatterns = [
    path("v1/health", views.health),
    path("v1/kiosks/<str:kiosk_id>/status", views.kiosk_status),
    path("v1/kiosks/<str:kiosk_id>/transactions", views.transactions),
    path("v1/kiosks/<str:kiosk_id>/card-changes", views.card_changes),
    path("v1/kiosks/<str:kiosk_id>/day-closings", views.day_closings),
    path("v1/clubs/<str:club_id>/snapshot", views.snapshot),
    path("v1/clubs/<str:club_id>/images/<str:sha256>", views.image),
    path("office/c/<str:club_id>/welcome-letters", families_office.welcome_letters, name="welcome_letters"),
    path("office/finance/", include("hub.finance.urls")),
    path("office/", include("hub.office.urls")),
    path("office/language", set_language, name="set_language"),  # POST, with the CSRF token
    path("foraeldre/", include("hub.families.urls")),
    path("testbetaling/<str:payment_id>", families_views.testpay, name="testpay"),  # the test provider's page
]

# Error answers without internals: JSON under /v1/, a plain page elsewhere; 503 while the database is away.
handler400 = "hub.safety.views.bad_request"
handler403 = "hub.safety.views.forbidden"
handler404 = "hub.safety.views.not_found"
handler500 = "hub.safety.views.server_error"
