"""Pictures in articles give nothing away about where or with what they were taken."""

import io

import pytest
from PIL import Image as PillowImage

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import make_peer

pytestmark = pytest.mark.django_db

GPS, MAKE, MODEL, ORIENTATION = 0x8825, 0x010F, 0x0110, 0x0112


def phone_photo(kind="JPEG") -> bytes:
    """A picture as a phone saves it: GPS position, make, model, and turned on its side."""
    picture = PillowImage.new("RGB", (40, 20), "red")
    exif = PillowImage.Exif()
    exif[MAKE], exif[MODEL], exif[ORIENTATION] = "PhoneMaker", "PhoneModel", 6
    exif[GPS] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)}
    output = io.BytesIO()
    picture.save(output, kind, exif=exif.tobytes())
    return output.getvalue()


def metadata_of(field_file) -> dict:
    with field_file.open("rb") as file, PillowImage.open(file) as picture:
        return {"exif": dict(picture.getexif()), "size": picture.size, "info": dict(picture.info)}


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_a_saved_picture_keeps_no_location_phone_or_time(home, kind):
    image = get_image_model().objects.create(
        title="kit", file=ImageFile(io.BytesIO(phone_photo(kind)), name="IMG_20261202_081533.jpg")
    )
    image.refresh_from_db()

    original = metadata_of(image.file)
    assert original["exif"] == {}
    assert "exif" not in original["info"]
    assert "20261202" not in image.file.name
    # Turned upright before the rotation was thrown away, and measured as it is now.
    assert original["size"] == (20, 40) == (image.width, image.height)
    rendition = image.get_rendition("max-720x720")
    assert metadata_of(rendition.file)["exif"] == {}
    assert "20261202" not in rendition.url


def test_a_peer_author_can_upload_a_picture_and_it_is_cleaned_too(client, home):
    author = make_peer("dee", "Peer authors")
    client.force_login(author)

    response = client.post(
        "/admin/images/add/",
        {
            "title": "My kit",
            "file": SimpleUploadedFile("IMG_0815.jpg", phone_photo(), content_type="image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 302
    image = get_image_model().objects.get(title="My kit")
    assert metadata_of(image.file)["exif"] == {}
    assert "IMG_0815" not in image.file.name


def test_a_picture_without_metadata_still_loses_its_telling_name(home):
    output = io.BytesIO()
    PillowImage.new("RGB", (30, 30), "blue").save(output, "PNG")
    image = get_image_model().objects.create(
        title="plain", file=ImageFile(io.BytesIO(output.getvalue()), name="PXL_20261202.png")
    )

    image.refresh_from_db()

    assert "20261202" not in image.file.name
    assert image.file.name.endswith(".png")
    assert metadata_of(image.file)["size"] == (30, 30)
