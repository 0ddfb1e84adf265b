"""Spiders and pipelines that misbehave on purpose, for the accounting tests (loaded with
``-s SPIDER_MODULES=scraper.spiders,tests.spiders_for_tests``)."""
from scraper.spiders.generic import GenericSpider


class SilentSpider(GenericSpider):
    """A spider with a bug: project pages whose URL contains "schweigt" yield nothing at all."""

    name = "silent"

    async def parse_project(self, response):
        if "schweigt" in response.url:
            return
        async for item in super().parse_project(response):
            yield item


class BrokenPipeline:
    """A pipeline with a bug: it raises for items whose title contains "Absturz"."""

    def process_item(self, item, spider=None):
        if "Absturz" in (item.get("title") or ""):
            raise RuntimeError("simulated pipeline bug")
        return item
