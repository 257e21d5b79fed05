app_name = "venture"
urlpatterns = []
