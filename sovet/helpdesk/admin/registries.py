"""The help desk's registries on the admin kit: canned answers (each centre's head keeps their
centre's), the centres and their staff (the administrators). Requests, messages and attachments
are never registered here: Wagtail's generic views, search and usage would reach across centres."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList

from sovet.core.admin import AdminViewSet, Rules, nobody

from .. import rules
from ..models import CannedAnswer, Centre, CentreMember


class CannedAnswerForm(WagtailAdminModelForm):
    """The centre chosen among those the head heads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "centre" in self.fields:
            field = self.fields["centre"]
            field.queryset = Centre.objects.filter(pk__in=rules.headed_centre_ids(self.for_user))
            if field.queryset.count() == 1 and not self.instance.pk:
                field.initial = field.queryset.first().pk


class CannedAnswerViewSet(AdminViewSet):
    model = CannedAnswer
    permission_rules = Rules(opens=rules.keeps_canned_answers, reach=rules.canned_answers_reached)
    icon = "doc-full"
    url_prefix = "helpdesk/canned-answers"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["title", "topic", "centre"]
    list_filter = ["topic", "centre"]
    search_fields = ["title"]
    ordering = ["topic", "title"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("centre"), FieldPanel("topic")]),
            FieldPanel("title"),
            MultiFieldPanel(
                [FieldPanel("text_ru"), FieldPanel("text_ky"), FieldPanel("text_en")],
                heading=_("Text"),
            ),
        ],
        base_form_class=CannedAnswerForm,
    )


class CentreViewSet(AdminViewSet):
    model = Centre
    # A centre keeps its requests (their reference letters): none is deleted from the admin.
    permission_rules = Rules(opens=rules.keeps_centres, delete=nobody)
    icon = "home"
    url_prefix = "helpdesk/centres"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["name_ru", "letter", "email"]
    ordering = ["sort_order", "pk"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("name_ru"), FieldPanel("name_ky"), FieldPanel("name_en")],
                heading=_("Name"),
            ),
            FieldRowPanel([FieldPanel("code"), FieldPanel("letter"), FieldPanel("sort_order")]),
            FieldPanel("regions"),
            FieldPanel("email"),
        ]
    )


class CentreMemberViewSet(AdminViewSet):
    model = CentreMember
    permission_rules = Rules(opens=rules.keeps_centres)
    icon = "group"
    url_prefix = "helpdesk/members"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["user", "centre", "role"]
    list_filter = ["centre", "role"]
    ordering = ["centre", "user__email"]
    form_fields = ["centre", "user", "role"]


canned_answers = CannedAnswerViewSet("helpdesk_canned")
centres = CentreViewSet("helpdesk_centre")
centre_members = CentreMemberViewSet("helpdesk_member")
