"""Plain functions behind the CLI commands: options in, exit code out; no Click here."""
