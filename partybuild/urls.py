app_name = "partybuild"
urlpatterns = []
