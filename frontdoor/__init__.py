"""The front door: the one public web listener (widget, chat API, health)."""
