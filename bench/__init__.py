"""Accord's benchmark harness: a large generated agency, timed pages and API calls.

Run it with `make bench` or `python -m bench --help`. Targets live in `bench/registry.py`.
"""
