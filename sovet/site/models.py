from datetime import datetime, time

from django.conf import settings
from django.db import models
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from sovet.core.filters import list_filters
from sovet.core.i18n import in_language
from sovet.core.pages import RoutedPage, SovetPage, localized_pages, paginate, route
from sovet.core.public import RateLimit
from sovet.core.reach import PhoneField, ReachBackForm

from .blocks import BodyBlock, ContactPointBlock, SectionCardBlock


class HomePage(SovetPage):
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero button page"),
    )
    hero_link_label = models.CharField(_("hero button label"), max_length=60, blank=True)
    sections = StreamField(
        [("section", SectionCardBlock())], blank=True, verbose_name=_("key sections")
    )

    parent_page_types = ["wagtailcore.Page"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldRowPanel([FieldPanel("hero_link"), FieldPanel("hero_link_label")]),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("sections"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text")]

    class Meta:
        verbose_name = _("home page")

    def social_image(self):
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's fragment is not kept already (home_page.html).
        # Links chosen on the Russian page lead to the same pages in the reader's language.
        pages = SimpleLazyObject(
            lambda: localized_pages(
                [block.value["page"] for block in self.sections] + [self.hero_link]
            )
        )
        context["localized_pages"] = pages
        context["hero_target"] = SimpleLazyObject(lambda: pages.get(self.hero_link_id))
        context["latest_news"] = SimpleLazyObject(
            lambda: list(
                NewsPage.objects.live()
                .public()
                .filter(locale_id=self.locale_id)
                .select_related("lead_image", "locale")
                .order_by("-date", "-pk")[:3]
            )
        )
        # Blocks of other apps (upcoming events…), each {"title", "html"}: site imports none of them.
        context["app_sections"] = SimpleLazyObject(
            lambda: [
                section
                for fn in hooks.get_hooks("home_page_sections")
                if (section := fn(request, self))
            ]
        )
        return context


class StandardPage(SovetPage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(RoutedPage, SovetPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["site.NewsPage"]
    # The list's filter (core.filters): the news items' tag links.
    filter_form = "sovet.site.forms.NewsFilterForm"
    routes = [
        route("", "sovet.site.views.news_index_view", name="index_view"),
        route("feed/", "sovet.site.views.news_feed_view", name="feed_view"),
    ]

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return (
            NewsPage.objects.live()
            .public()
            .child_of(self)
            .select_related("lead_image", "locale")
            .order_by("-date", "-pk")
        )


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "site.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(SovetPage):
    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    intro = models.TextField(_("lead"), max_length=500)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("tags")]),
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["site.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def social_image(self):
        return self.lead_image

    @property
    def published_at(self):
        return timezone.make_aware(datetime.combine(self.date, time(9)))


class DocumentsPage(RoutedPage, SovetPage):
    """The documents library: charters, resolutions, decisions and reports, with search; each
    document has its own page (read there when it is Markdown, text or PDF) and a download."""

    intro = models.TextField(_("introduction"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    # The library's search and category (core.filters).
    filter_form = "sovet.site.forms.DocumentFilterForm"
    routes = [route("<int:pk>/", "sovet.site.views.document_view", name="document")]

    class Meta:
        verbose_name = _("documents library")

    @staticmethod
    def public_documents():
        """Documents in restricted collections (report attachments…) are not for the public."""
        public = list(
            Collection.objects.filter(view_restrictions__isnull=True).values_list("pk", flat=True)
        )
        return get_document_model().objects.filter(collection_id__in=public)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = self.public_documents().order_by("-published_on", "title")
        form = list_filters(self, request)
        filters = form.filters()
        category = filters.get("category", "")
        if category:
            documents = documents.filter(category=category)
        query = filters.get("query", "")
        if query:
            documents = documents.order_by().search(query)
        context.update(
            form=form,
            documents=paginate(request, documents, per_page=20),
            category=category,
            query=query,
            extra_query=form.query_string(),
        )
        return context


class ContactFormField(TranslatableMixin, AbstractFormField):
    """A field of the contact form, translated with its page (wagtail-localize): the label, help
    text, choices and default value are the translator's; the field's key (``clean_name``), type
    and order follow the Russian page, so a message keeps the same keys in every language."""

    page = ParentalKey("site.ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class ContactForm(ReachBackForm, BaseForm):
    """The contact page's form: with a field named "email" and one named "phone", either is
    enough (core.reach), whatever the editor ticked as required."""


class LimitedFormBuilder(FormBuilder):
    """Wagtail's form builder with length limits, so nobody can post a novel. A single-line
    field named "phone" takes phone numbers (E.164, +996 by default)."""

    def create_singleline_field(self, field, options):
        if field.clean_name == "phone":
            return PhoneField(**options)
        options["max_length"] = 255
        return super().create_singleline_field(field, options)

    def get_form_class(self):
        return type("ContactForm", (ContactForm,), self.formfields)

    def create_multiline_field(self, field, options):
        options["max_length"] = 5000
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        return super().create_email_field(field, options)


class ContactPage(AbstractEmailForm, SovetPage):
    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    form_builder = LimitedFormBuilder
    # The letter goes to the Council in Russian, from whichever language's page.
    override_translatable_fields = [
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("subject", overridable=False),
    ]
    # A burst from one address is refused; the typed message is shown again, not lost.
    limit = RateLimit(
        "contact-form",
        "5/10m",
        _("Too many messages from your address. Please wait a few minutes and try again."),
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail"),
        ),
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("contact page")

    def original(self) -> "ContactPage":
        """The page in the site's language (Russian), whose labels the Council reads."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        return (locale and self.get_translation_or_none(locale)) or self

    def get_submissions(self):
        """A message sent from any language's page: one list in the admin, whichever page it
        is opened from (the keys are the same in every language, see ContactFormField)."""
        return self.get_submission_class()._default_manager.filter(
            page__translation_key=self.translation_key
        )

    def render_email(self, form):
        """The letter to the Council, written by Wagtail with the Russian page's labels (and
        Russian dates) whatever the page's language; a message with a phone and no e-mail says
        to call back. The form is answered by then, so its labels may change."""
        labels = {field.clean_name: field.label for field in self.original().get_form_fields()}
        for field in form:  # the bound fields, which Wagtail's letter reads (and the form keeps)
            field.label = labels.get(field.name, field.label)
        with translation.override(settings.LANGUAGE_CODE):  # the Council's language
            text = super().render_email(form)
            data = form.cleaned_data
            if data.get("phone") and not data.get("email"):
                text = gettext("Phone only: call back.") + "\n\n" + text
        return text

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and self.limit.exceeded(request):
            form = self.get_form(request.POST, page=self, user=request.user)
            status = self.limit.refuse(form)
            context = self.get_context(request)
            context["form"] = form
            return render(request, self.get_template(request), context, status=status)
        return super().serve(request, *args, **kwargs)


@register_setting(icon="mail")
class CouncilContacts(BaseGenericSetting):
    """The Council's contacts, shown in the footer and the contact page."""

    address = models.CharField(_("address"), max_length=255, blank=True)
    address_ky = models.CharField(_("address in Kyrgyz"), max_length=255, blank=True)
    address_en = models.CharField(_("address in English"), max_length=255, blank=True)
    hours = models.CharField(
        _("opening hours"),
        max_length=255,
        blank=True,
        help_text=_("For example: Monday to Friday, 9:00–18:00."),
    )
    hours_ky = models.CharField(_("opening hours in Kyrgyz"), max_length=255, blank=True)
    hours_en = models.CharField(_("opening hours in English"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telegram = models.URLField(_("Telegram"), blank=True)
    map_url = models.URLField(
        _("address on a map"),
        blank=True,
        help_text=_(
            "A link to the office on a map (OpenStreetMap, 2GIS…), shown with the address."
        ),
    )
    centres = StreamField(
        [("centre", ContactPointBlock())],
        blank=True,
        verbose_name=_("legal-aid centres"),
        help_text=_("Shown on the contact page, each with its address, hours, phone and map."),
    )

    @property
    def shown_address(self):
        """``(text, language)``: the address in the page's language, else the Russian one."""
        return in_language(lambda name: getattr(self, name, ""), "address")

    @property
    def shown_hours(self):
        return in_language(lambda name: getattr(self, name, ""), "hours")

    class Meta:
        verbose_name = _("Council contacts")
