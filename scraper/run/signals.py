"""The run's own signal. When the spider has closed, the run extension sends ``run_closing(reason)`` and each
piece writes its files into the run folder (the ledger its logs, the export pipeline the data files, the
state pipeline the change log); only then is the run judged and, if trusted, published. The pieces do not
depend on each other's files, so their order within the signal does not matter."""
run_closing = object()

#: sent when a trusted run is about to be published, with ``run_id`` and ``report``: the state store commits
#: the run here (the commit point). A receiver that fails stops the publishing: ``latest`` stays as it was.
run_publishing = object()
