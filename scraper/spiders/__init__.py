"""Spiders navigate only: extraction lives in scraper.extract, typing in pipelines."""
