from django.urls import path

from hub.office import kiosk_views, product_views, views

app_name = "office"
C = "c/<str:club_id>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("style.css", views.style, name="style"),
    path("login", views.login_view, name="login"),
    path("logout", views.logout_view, name="logout"),
    path("icons/<str:name>.svg", product_views.icon, name="icon"),
    path("clubs", views.clubs, name="clubs"),
    path(C, views.dashboard, name="dashboard"),
    path(C + "children", views.children, name="children"),
    path(C + "children/new", views.child_new, name="child_new"),
    path(C + "children/import", views.children_import, name="children_import"),
    path(C + "children/import/preview", views.children_import_preview, name="children_import_preview"),
    path(C + "children/<str:child_id>", views.child, name="child"),
    path(C + "children/<str:child_id>/edit", views.child_edit, name="child_edit"),
    path(C + "children/<str:child_id>/friplads", views.child_friplads, name="child_friplads"),
    path(C + "children/<str:child_id>/ledger", views.ledger, name="ledger"),
    path(C + "children/<str:child_id>/topup", views.topup, name="topup"),
    path(C + "children/<str:child_id>/adjust", views.adjust, name="adjust"),
    path(C + "children/<str:child_id>/cards", views.card_give, name="card_give"),
    path(C + "cards/<str:card_uid>", views.card, name="card"),
    path(C + "cards/<str:card_uid>/status", views.card_status, name="card_status"),
    path(C + "cards/<str:card_uid>/replace", views.card_replace, name="card_replace"),
    path(C + "products", product_views.products, name="products"),
    path(C + "products/new", product_views.product_new, name="product_new"),
    path(C + "products/<str:product_id>", product_views.product, name="product"),
    path(C + "pictures/<str:sha256>", product_views.product_picture, name="product_picture"),
    path(C + "audit", views.audit, name="audit"),
    path(C + "kiosks", kiosk_views.kiosks, name="kiosks"),
    path(C + "kiosks/new", kiosk_views.kiosk_register, name="kiosk_register"),
    path(C + "kiosks/<str:kiosk_id>/rotate", kiosk_views.kiosk_rotate, name="kiosk_rotate"),
    path(C + "kiosks/<str:kiosk_id>/revoke", kiosk_views.kiosk_revoke, name="kiosk_revoke"),
    path(C + "rejections", kiosk_views.rejections, name="rejections"),
    path(C + "rejections/<int:txn_id>", kiosk_views.rejection, name="rejection"),
    path(C + "rejections/<int:txn_id>/resolve", kiosk_views.rejection_resolve, name="rejection_resolve"),
    path(C + "closings", kiosk_views.closings, name="closings"),
]
