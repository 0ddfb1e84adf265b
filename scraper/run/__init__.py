"""One crawl run, as small Scrapy pieces (kingfisher-collect's run folders, spidermon's checks):

* ``folder.py``    the output folder, its lock, run folders, publishing (plain file code)
* ``journal.py``   the resume journal: items saved so far, what ``--resume`` continues from
* ``ledger.py``    extension: failures, rejected items, and the accounting of every project page
* ``checks.py``    small checks over the run's figures; together they give the verdict
* ``extension.py`` extension: owns the run folder, sends ``run_closing``, writes run.json, publishes a
                   trusted run (and only a trusted run)
"""
from .folder import FolderError, RunFolder, utc_now
from .signals import run_closing

__all__ = ["FolderError", "RunFolder", "run_closing", "utc_now"]
