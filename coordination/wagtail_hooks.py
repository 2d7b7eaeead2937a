"""Admin screens for the coordination models, and the audit actions' labels."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from . import audit, services
from .errors import DomainError
from .forms import LiaisonAdminForm
from .models import ActionItem, Liaison, Meeting, MemberUnit, Minutes, Proposal, Reply, UnitAlias


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


class UnitAliasViewSet(SnippetViewSet):
    """The names under which notices name units; the notice import reads them."""

    model = UnitAlias
    icon = "tag"
    menu_label = gettext_lazy("单位别名")
    list_display = ["name", "unit"]
    list_filter = ["unit"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("unit")]

    def get_queryset(self, request):
        return UnitAlias.objects.select_related("unit")


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


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Records whose every change goes through a service: the admin lists and inspects them only."""

    def user_has_permission(self, user, action):
        return action in {"view", "inspect"} and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ReadOnlyViewSet(SnippetViewSet):
    inspect_view_enabled = True


for read_only_model in (Meeting, Minutes, ActionItem, Proposal, Reply):
    register_permission_policy(read_only_model, ReadOnlyPolicy(read_only_model))


class MeetingViewSet(ReadOnlyViewSet):
    model = Meeting
    icon = "date"
    menu_label = gettext_lazy("会议")
    list_display = ["__str__", "starts_at", "place", "status"]
    list_filter = ["kind", "status", "year"]


class MinutesViewSet(ReadOnlyViewSet):
    model = Minutes
    icon = "doc-full"
    menu_label = gettext_lazy("会议纪要")
    list_display = ["title", "doc_number", "status", "issued_at"]
    list_filter = ["status"]
    search_fields = ["title", "doc_number"]


class ActionItemViewSet(ReadOnlyViewSet):
    model = ActionItem
    icon = "tasks"
    menu_label = gettext_lazy("督办事项")
    list_display = ["title", "lead_unit", "deadline", "status"]
    list_filter = ["source", "status", "lead_unit"]
    search_fields = ["title"]


class ProposalViewSet(ReadOnlyViewSet):
    model = Proposal
    icon = "form"
    menu_label = gettext_lazy("建议提案")
    list_display = ["session", "number", "title", "lead_unit", "received_on"]
    list_filter = ["kind", "session"]
    search_fields = ["title", "number"]


class ReplyViewSet(ReadOnlyViewSet):
    model = Reply
    icon = "mail"
    menu_label = gettext_lazy("答复")
    list_display = ["__str__", "unit", "doc_number", "category", "status", "disclosure"]
    list_filter = ["status", "category", "disclosure"]


class CoordinationGroup(SnippetViewSetGroup):
    items = (
        MemberUnitViewSet,
        UnitAliasViewSet,
        LiaisonViewSet,
        MeetingViewSet,
        MinutesViewSet,
        ActionItemViewSet,
        ProposalViewSet,
        ReplyViewSet,
    )
    menu_icon = "group"
    menu_label = gettext_lazy("联席会议")
    menu_name = "coordination"


register_snippet(CoordinationGroup)
