"""``python -m retold`` runs the CLI."""

from retold.cli import main

main(prog_name="retold")
