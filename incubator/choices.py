"""get_FOO_display() for the models shown in long lists.

Django's own builds a dict of every choice of the field on each call and hashes the labels, which translates
each of them again: eleven translations to show one stage. The mixin looks the value up in a table of the
field's translated labels, made once per field and language."""

from functools import cache

from django.utils.translation import get_language


@cache
def _labels(field, language):
    return {value: str(label) for value, label in field.flatchoices}


class ChoiceLabels:
    """Put before models.Model in a model's bases: its get_FOO_display() methods use the table."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return _labels(field, get_language()).get(value, value)
