"""Pictures keep nothing about where, when or with what they were taken.

A phone photo carries its GPS position, the phone's make and model and the
time in its EXIF data, and often the time in its file name. Every picture
anyone uploads (knowledge-base images, profile pictures) goes through
`image_file_clean`, which rewrites it without any of that, under a random name.
"""

import io
import re
import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath

from PIL import Image as PillowImage
from PIL import ImageOps

from django.core.files.base import ContentFile

# Text that travels in the file besides the picture itself.
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")
SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
}
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
RANDOM_NAME = re.compile(r"[0-9a-f]{32}")


def _has_metadata(picture) -> bool:
    text_chunks = getattr(picture, "text", None)
    return bool(
        picture.getexif() or text_chunks or any(key in picture.info for key in METADATA_KEYS)
    )


def _frames(picture) -> list:
    if getattr(picture, "is_animated", False):
        frames = []
        for number in range(picture.n_frames):
            picture.seek(number)
            frames.append(picture.copy())
        return frames
    return [ImageOps.exif_transpose(picture)]


def _bare(frame):
    """The same pixels in a new image that has never had any metadata."""
    bare = PillowImage.frombytes(frame.mode, frame.size, frame.tobytes())
    if frame.mode == "P" and frame.getpalette():
        bare.putpalette(frame.getpalette())
    return bare


def without_metadata(file) -> tuple[bytes, str] | None:
    """The picture re-encoded with no metadata (turned upright first, since the
    rotation is part of what goes), and its file extension; None if there was
    nothing to remove."""
    file.seek(0)
    with PillowImage.open(file) as picture:
        if not _has_metadata(picture):
            return None
        kind = picture.format if picture.format in EXTENSIONS else "PNG"
        frames = [_bare(frame) for frame in _frames(picture)]
    output = io.BytesIO()
    if len(frames) > 1:
        frames[0].save(output, "GIF", save_all=True, append_images=frames[1:], loop=0)
    else:
        frames[0].save(output, kind, **SAVE_OPTIONS.get(kind, {}))
    return output.getvalue(), EXTENSIONS[kind]


@dataclass(frozen=True)
class CleanedImage:
    name: str
    content: bytes
    width: int
    height: int


def image_file_clean(field_file) -> CleanedImage | None:
    """Replace a stored picture with one that has no metadata, under a random
    name in the same folder, and delete the original file.

    Returns what the caller's row must now point to, or None when the file was
    already clean and randomly named (so saving the row again stops here). The
    caller updates its row without sending post_save again.
    """
    old_name = field_file.name
    path = PurePosixPath(old_name)
    with field_file.open("rb") as file:
        cleaned = without_metadata(file)
        if cleaned is None:
            if RANDOM_NAME.fullmatch(path.stem):
                return None
            # Nothing inside to remove, but the name may still tell when it was taken.
            file.seek(0)
            cleaned = (file.read(), path.suffix.lower())
    content, extension = cleaned
    storage = field_file.storage
    new_name = storage.save(
        str(path.parent / f"{uuid.uuid4().hex}{extension}"), ContentFile(content)
    )
    with PillowImage.open(io.BytesIO(content)) as picture:
        width, height = picture.size
    storage.delete(old_name)
    return CleanedImage(name=new_name, content=content, width=width, height=height)
