"""Placeholder until the command line lands (issue 2)."""


def main() -> None:
    raise SystemExit("tracker: the command line is not built yet")
