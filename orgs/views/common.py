"""Helpers shared by the orgs pages."""

from django.template.loader import render_to_string

from incubator.panels import panels_for


def rendered_panels(place, request, obj):
    """Other apps' panels for this page, each template rendered with its own context."""
    return [
        {"title": panel.title, "html": render_to_string(panel.template, panel.context, request)}
        for panel in panels_for(place, request, obj)
    ]
