"""`manage.py benchmark`: the portal's pages under load, side by side with their floor.

`server` starts gunicorn with `portal.settings.benchmark` on a free loopback port; `targets`
prepares what the pages need (a plain Wagtail page, signed-in sessions, a calendar token) and
lists the URLs; `load` drives them from client threads, interleaved; `stats` turns latencies into
p50/p95/rps and the ratios to the floor view and the plain page; `timings` times the documents,
the ledger, the reminder scan and the index rebuild once each; `report` prints and writes JSON.
"""
