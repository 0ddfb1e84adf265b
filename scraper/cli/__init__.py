"""The command line (``python -m scraper …``): a thin layer over Scrapy's settings, spider loader and crawler.

* ``errors.py``  CliError and how a path or value is shown in one line
* ``options.py`` the TOML config, ``-s NAME=VALUE`` settings and ports, checked before anything starts
* ``crawl.py``   ``crawl``: settings, checks of the output folder and the state store, the crawl, the summary
* ``extract.py`` ``extract``: saved pages or URLs -> one JSON item per line
* ``report.py``  ``report``: a run folder -> tables, charts and index.html (scraper/report/)
* ``archive.py`` ``crawl --archive … --at …`` and ``reextract``: settings for the archive modes (docs/archives.md)
"""
