"""Cards are found by pairs of surname and given name or initial too (names._pair_keys):
rebuild every card's name keys."""

from django.db import migrations


def rebuild_keys(apps, schema_editor):
    from sovet.memory import names

    WarParticipant = apps.get_model("memory", "WarParticipant")
    NameKey = apps.get_model("memory", "NameKey")
    cards = WarParticipant.objects.only("surname", "given_name", "patronymic", "name_variants")
    for card in cards.iterator(chunk_size=2000):
        variants = [line.strip() for line in card.name_variants.splitlines() if line.strip()]
        keys = names.index_keys(card.surname, card.given_name, card.patronymic, variants)
        NameKey.objects.filter(participant=card).exclude(key__in=keys).delete()
        have = set(NameKey.objects.filter(participant=card).values_list("key", flat=True))
        NameKey.objects.bulk_create(NameKey(participant=card, key=key) for key in keys - have)


class Migration(migrations.Migration):
    dependencies = [("memory", "0005_sources_inline")]

    operations = [migrations.RunPython(rebuild_keys, migrations.RunPython.noop)]
