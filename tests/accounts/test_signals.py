"""What happens to a member's account data as it is saved, however it is saved."""

import io
import re

import pytest
from PIL import Image as PillowImage

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

GPS, MAKE, MODEL, DATETIME = 0x8825, 0x010F, 0x0110, 0x0132


def phone_selfie() -> bytes:
    picture = PillowImage.new("RGB", (60, 60), "teal")
    exif = PillowImage.Exif()
    exif[MAKE], exif[MODEL], exif[DATETIME] = "PhoneMaker", "PhoneModel 12", "2026:12:02 08:15:33"
    exif[GPS] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)}
    output = io.BytesIO()
    picture.save(output, "JPEG", exif=exif.tobytes())
    return output.getvalue()


def account_form_data(response) -> dict:
    """What the admin's account page would send back unchanged."""
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            form = panel.get_form()
            for name in form.fields:
                value = form[name].value()
                if value not in (None, "", False) and name != "avatar":
                    data[form.add_prefix(name)] = value
    return data


def test_an_uploaded_profile_picture_keeps_no_location_phone_or_time_and_gets_a_random_name(
    client, peer_moderator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(peer_moderator)
    data = account_form_data(client.get("/admin/account/"))
    data["avatar-avatar"] = SimpleUploadedFile(
        "IMG_20261202_081533_river.jpg", phone_selfie(), content_type="image/jpeg"
    )

    response = client.post("/admin/account/", data)

    assert response.status_code == 302
    avatar = UserProfile.get_for_user(peer_moderator).avatar
    assert re.fullmatch(r"avatar_images/[0-9a-f]{32}\.jpg", avatar.name)
    with avatar.open("rb") as file, PillowImage.open(file) as picture:
        exif = dict(picture.getexif())
        assert picture.size == (60, 60)
    for tag in (GPS, MAKE, MODEL, DATETIME):
        assert tag not in exif
    assert not avatar.storage.exists("avatar_images/IMG_20261202_081533_river.jpg")
    assert not [
        name
        for name in avatar.storage.listdir("avatar_images")[1]
        if "20261202" in name or "river" in name
    ]
