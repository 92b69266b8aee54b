from django import template
from django.urls import reverse

from calendar_app import selectors

register = template.Library()


@register.inclusion_tag("calendar_app/feed_card.html", takes_context=True)
def calendar_feed_card(context) -> dict:
    """The member's feed URL (absolute) with a button to create or regenerate it (one query)."""
    request = context["request"]
    feed = selectors.calendar_feed_for_user(user=request.user)
    feed_url = None
    if feed is not None:
        feed_url = request.build_absolute_uri(
            reverse("calendar_app:feed", kwargs={"token": feed.token})
        )
    return {
        "feed": feed,
        "feed_url": feed_url,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
