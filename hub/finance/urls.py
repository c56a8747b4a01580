from django.urls import path

from hub.finance import views

app_name = "finance"
urlpatterns = [
    path("", views.reports, name="reports"),
    path("<str:key>.csv", views.report_csv, name="report_csv"),
    path("static/<str:name>", views.static, name="static"),
]
