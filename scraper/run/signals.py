"""The run's own signal. When the spider has closed, the run extension sends ``run_closing(reason)`` and each
piece writes its files into the run folder (the ledger its logs, the export pipeline the data files, the
state pipeline the change log); only then is the run judged and, if trusted, published. The pieces do not
depend on each other's files, so their order within the signal does not matter."""
run_closing = object()

#: sent when a trusted run is about to be published, with ``run_id`` and ``report``: the last files that need
#: the verdict (datapackage.json). A receiver that fails stops the publishing: nothing is committed.
run_publishing = object()

#: then the commit point, with ``run_id`` and ``report``: the state store takes the run in one transaction.
#: Only after it does ``latest`` switch; a crawl killed in between is finished by the next one.
run_committing = object()
