"""The maintainers' and operators' commands, run from the project folder as
`python -m scripts.NAME` (the Makefile does)."""
