"""Run reseau as ``python -m reseau``."""

from reseau.cli import main

if __name__ == "__main__":
    main()
