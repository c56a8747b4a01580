from django.urls import path

from hub.families import views

app_name = "families"
B = "barn/<int:child_pk>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("style.css", views.style, name="style"),
    path("billeder/<str:name>", views.guide_image, name="guide_image"),
    path("tilmeld", views.signup, name="signup"),
    path("bekraeft", views.confirm, name="confirm"),  # ?t=TOKEN: the request log keeps paths only
    path("bekraeft-igen", views.resend, name="resend"),
    path("log-ind", views.login_view, name="login"),
    path("log-ud", views.logout_view, name="logout"),
    path("glemt", views.forgot, name="forgot"),
    path("nulstil", views.reset, name="reset"),  # ?u=UID&t=TOKEN (not in the logged path)
    path(B, views.child, name="child"),
    path(B + "graenser", views.limits, name="limits"),
    path(B + "pause", views.pause, name="pause"),
    path(B + "genoptag", views.resume, name="resume"),
    path(B + "mistet", views.lost, name="lost"),
    path(B + "inviter", views.invite, name="invite"),
    path(B + "optank", views.topup, name="topup"),
    path(B + "opgoerelse/<int:year>-<int:month>.pdf", views.statement_pdf, name="statement"),
    path("betaling/callback", views.payment_callback, name="payment_callback"),
    path("betaling/<str:payment_id>", views.payment_return, name="payment_return"),
    path("friplads", views.friplads_estimate, name="friplads"),
    path("guide", views.guide, name="guide"),
    path("kort", views.card_tap, name="card_tap"),  # ?picc=…&cmac=… from a card's SUN (not in the logged path)
    path("kort/vis", views.card_page, name="card_page"),
]
