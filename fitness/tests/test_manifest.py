"""Add to Home Screen: the manifest, its icons and the links to them on every page."""

import json
import struct

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse


def _png_size(path) -> tuple[int, int]:
    with open(path, "rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_manifest_is_served_to_anyone_with_its_content_type(client, db):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert (data["name"], data["short_name"], data["start_url"], data["display"]) == (
        "Liftlog",
        "Liftlog",
        "/",
        "standalone",
    )
    assert data["theme_color"].startswith("#") and data["background_color"].startswith("#")
    purposes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert purposes == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("192x192", "maskable"),
        ("512x512", "maskable"),
    }
    for icon in data["icons"]:
        name = icon["src"].removeprefix("/" + settings.STATIC_URL.strip("/") + "/")
        size = int(icon["sizes"].split("x")[0])
        assert _png_size(finders.find(name)) == (size, size), name


def test_manifest_is_read_only(client, db):
    assert client.post("/manifest.webmanifest").status_code == 405


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_links_the_manifest_and_the_apple_icon(client, owner, signed_in):
    if signed_in:
        client.force_login(owner)
    html = client.get(reverse("home") if signed_in else reverse("accounts:login")).text
    assert f'<link rel="manifest" href="{reverse("manifest")}">' in html
    assert 'rel="apple-touch-icon"' in html and "apple-touch-icon.png" in html
    assert _png_size(finders.find("img/apple-touch-icon.png")) == (180, 180)
    assert '<meta name="color-scheme" content="light dark">' in html
