"""Running requests' work at the same moment, each on its own connection."""

import threading

from django.db import connection


def at_once(*calls) -> list:
    """Run each call on its own thread and connection, started together;
    what each returned, or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(number, call):
        try:
            barrier.wait(timeout=10)
            outcomes[number] = call()
        except Exception as error:  # noqa: BLE001 - the test reads it
            outcomes[number] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(number, call)) for number, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes
