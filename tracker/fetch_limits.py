"""How long and how much a fetch of a URL may take.

Read by ``tracker.importers.fetch`` and by the command line (``import --timeout``'s
default): this module imports nothing, so the command line reads it at start-up
without loading the importers (httpx, trafilatura, the models).
"""

# A news page is well under a few megabytes, a report PDF a few dozen; above this the
# download is stopped (by Content-Length before it starts, else as the bytes come).
MAX_FETCH_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 10
