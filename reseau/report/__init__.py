"""The weekly report: figures and lists as values (model), words (i18n), Markdown (markdown)."""
