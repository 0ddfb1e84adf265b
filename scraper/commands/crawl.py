"""``scrapy crawl`` as Scrapy has it, plus two things: a spider's bad arguments (``scrapy crawl generic``
without ``-a start_url``) end in Scrapy's usage message and exit code 2 instead of a traceback from inside
the reactor (the spider is built once with the arguments before the crawl starts: our spiders' constructors
only check and store them), and the crawl is a run (``STADTPROJEKTE_RUN``): it gets a run folder, a report
and, when trusted, is published. Other commands (``parse``, ``shell``, ``check``, ``fetch``) are not runs and
never touch the output folder."""
from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError


class Command(ScrapyCrawlCommand):
    def process_options(self, args, opts):
        super().process_options(args, opts)
        self.settings.set("STADTPROJEKTE_RUN", True, priority="cmdline")

    def run(self, args, opts):
        if len(args) == 1 and self.crawler_process is not None:
            try:
                spidercls = self.crawler_process.spider_loader.load(args[0])
            except KeyError as exc:
                raise UsageError(str(exc).strip("'\""), print_help=False) from None
            try:
                spidercls(**opts.spargs)
            except UsageError as exc:
                raise UsageError(str(exc), print_help=False) from None
        super().run(args, opts)
