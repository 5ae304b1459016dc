from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from sovet.core.i18n import in_language


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "site/blocks/image.html"


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("Documents"))

    class Meta:
        icon = "doc-full"
        label = _("Document list")
        template = "site/blocks/document_list.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "site/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or external link"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "site/blocks/call_to_action.html"


class SectionCardBlock(blocks.StructBlock):
    """A key section of the site on the home page."""

    title = blocks.CharBlock(label=_("Title"), max_length=100)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=300)
    page = blocks.PageChooserBlock(label=_("Page"))

    class Meta:
        icon = "link"
        label = _("Section")
        template = "site/blocks/section_card.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        localized = (parent_context or {}).get("localized_pages", {})
        context["target"] = localized.get(value["page"].pk, value["page"])
        return context


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"],
        template="site/blocks/paragraph.html",
    )
    image = ImageBlock()
    documents = DocumentListBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()


class ContactPointValue(blocks.StructValue):
    """A centre's name, address and hours in the page's language: ``(text, language)``, the
    Russian where no translation was written."""

    @property
    def shown_name(self):
        return in_language(self.get, "name")

    @property
    def shown_address(self):
        return in_language(self.get, "address")

    @property
    def shown_hours(self):
        return in_language(self.get, "hours")


class ContactPointBlock(blocks.StructBlock):
    """A place people can come to or call: a legal-aid centre on the contact page. Name,
    address and hours in Russian, with their Kyrgyz and English versions where written."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    name_ky = blocks.CharBlock(label=_("Name in Kyrgyz"), max_length=200, required=False)
    name_en = blocks.CharBlock(label=_("Name in English"), max_length=200, required=False)
    city = blocks.CharBlock(label=_("City"), max_length=100)
    address = blocks.CharBlock(label=_("Address"), max_length=255, required=False)
    address_ky = blocks.CharBlock(label=_("Address in Kyrgyz"), max_length=255, required=False)
    address_en = blocks.CharBlock(label=_("Address in English"), max_length=255, required=False)
    hours = blocks.CharBlock(label=_("Opening hours"), max_length=255, required=False)
    hours_ky = blocks.CharBlock(label=_("Opening hours in Kyrgyz"), max_length=255, required=False)
    hours_en = blocks.CharBlock(label=_("Opening hours in English"), max_length=255, required=False)
    phone = blocks.CharBlock(label=_("Phone"), max_length=50, required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    map_url = blocks.URLBlock(label=_("Address on a map"), required=False)

    class Meta:
        icon = "site"
        label = _("Centre")
        value_class = ContactPointValue
