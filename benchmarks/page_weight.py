"""Page weight and query counts for the pages everyone sees. Run by hand: `make bench`.

Builds a throwaway test database, creates the site pages and the seed
articles, then fetches each page with Django's test client and reports raw and
gzipped HTML size and the number of SQL queries, plus the gzipped size of
every stylesheet and script. The longest seed article stands for article pages.
"""

import gzip
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PAGES = ["/", "/overdose/", "/privacy/", "/account/signup/", "/account/login/"]
TARGET_GZIPPED_HTML = 14 * 1024


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from peerkb.models import ArticlePage
        from peerkb.seeding import articles_seed_load
        from peerkb.services import peer_groups_ensure, site_pages_ensure
        from tests.factories import UserFactory

        peer_groups_ensure(home=site_pages_ensure())
        articles_seed_load()
        longest = max(ArticlePage.objects.live(), key=lambda article: len(str(article.body)))
        pages = [*PAGES, "/kb/", longest.url, "/search/?q=naloxone"]
        member = UserFactory(username="bench_member")
        print(f"database: {connection.vendor}")
        print(f"longest article: {longest.url}")
        print(f"{'page':<28}{'who':<8}{'html':>9}{'gzipped':>10}{'queries':>9}")
        for who in ("anon", "member"):
            client = Client()
            if who == "member":
                client.force_login(member)
            for path in pages:
                client.get(path)
                with CaptureQueriesContext(connection) as queries:
                    body = client.get(path).content
                flag = "" if gzipped(body) <= TARGET_GZIPPED_HTML else "  over 14 KB"
                print(f"{path:<28}{who:<8}{len(body):>9}{gzipped(body):>10}{len(queries):>9}{flag}")
        total = 0
        for asset in sorted((ROOT / "static").rglob("*")):
            if asset.suffix in (".css", ".js"):
                data = asset.read_bytes()
                total += gzipped(data)
                print(f"{asset.relative_to(ROOT)}: {len(data)} bytes, {gzipped(data)} gzipped")
        print(f"all CSS and JS, gzipped: {total} bytes")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
