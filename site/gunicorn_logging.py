from gunicorn.glogging import Logger

from .logging import RemoveClientAddresses


class AddressFreeLogger(Logger):
    """gunicorn's logger with every IP address removed before a line is written."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RemoveClientAddresses())
