"""Admin screens for the coordination models, and the audit actions' labels."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from . import audit, services
from .errors import DomainError
from .forms import LiaisonAdminForm
from .models import Liaison, MemberUnit


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    audit.register(actions)


class MemberUnitViewSet(SnippetViewSet):
    model = MemberUnit
    icon = "group"
    menu_label = gettext_lazy("成员单位")
    list_display = ["order", "short_name", "full_name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["short_name", "full_name"]
    ordering = ["order"]
    list_per_page = 50
    inspect_view_enabled = True
    panels = [
        FieldPanel("order"),
        FieldPanel("short_name"),
        FieldPanel("full_name"),
        FieldPanel("kind"),
        FieldPanel("is_active"),
    ]


class LiaisonAppointView(CreateView):
    """Creating a liaison term is an appointment: it goes through `services.liaison_appoint`."""

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            self.object = services.liaison_appoint(
                actor=self.request.user,
                unit=data["unit"],
                user=data["user"],
                start_date=data["start_date"],
                position=data.get("position", ""),
                phone=data.get("phone", ""),
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        self.form = form
        return self.save_action()


class LiaisonEditView(EditView):
    """Contact details may be corrected; who holds the post changes only by a new appointment."""

    def form_valid(self, form):
        if {"unit", "user", "start_date"} & set(form.changed_data):
            form.add_error(None, _("更换联络员请使用“任命联络员”，以保留任职记录。"))
            return self.form_invalid(form)
        return super().form_valid(form)


class LiaisonViewSet(SnippetViewSet):
    model = Liaison
    icon = "user"
    menu_label = gettext_lazy("联络员")
    add_to_admin_menu = False
    create_view_class = LiaisonAppointView
    edit_view_class = LiaisonEditView
    list_display = ["unit", "user", "position", "phone", "start_date", "end_date"]
    list_filter = ["unit"]
    search_fields = ["position", "phone"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [FieldPanel("unit"), FieldPanel("user"), FieldPanel("start_date"), FieldPanel("position"), FieldPanel("phone")],
        base_form_class=LiaisonAdminForm,
    )

    def get_queryset(self, request):
        return Liaison.objects.select_related("unit", "user")


class CoordinationGroup(SnippetViewSetGroup):
    items = (MemberUnitViewSet, LiaisonViewSet)
    menu_icon = "group"
    menu_label = gettext_lazy("联席会议")
    menu_name = "coordination"


register_snippet(CoordinationGroup)
