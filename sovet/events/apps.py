from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "sovet.events"
    verbose_name = _("Events and campaigns")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Campaign, CampaignEdition, Event, Registration
        from .queries import forget_current_campaigns, forget_event_pages

        for model in (Campaign, CampaignEdition, Event):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_current_campaigns, sender=model, dispatch_uid=f"{model}-{signal}"
                )
        for signal in (post_save, post_delete):
            signal.connect(forget_event_pages, sender=Registration, dispatch_uid=f"seats-{signal}")
