"""Reading rendered pages the way a browser would, with the standard library."""

import re
from html.parser import HTMLParser


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: (value or "") for name, value in attrs}
        self.tags.append((tag, attributes))
        self._in_script = tag == "script" and "src" not in attributes

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts.append(data)


def parse(html: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(html)
    return collector


FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}


def first_focusable(html: str) -> dict[str, str]:
    """The first element a keyboard user reaches with Tab from the top of the body."""
    seen_body = False
    for tag, attributes in parse(html).tags:
        if tag == "body":
            seen_body = True
            continue
        if not seen_body or attributes.get("tabindex") == "-1":
            continue
        reachable = tag != "a" or "href" in attributes
        if tag in FOCUSABLE and reachable and attributes.get("type") != "hidden":
            return {"tag": tag, **attributes}
    return {}


def visible_text(html: str) -> str:
    """The page's text as a reader sees it, with the markup taken out."""
    return re.sub(r"<[^>]+>", "", html)
