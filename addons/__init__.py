"""Custom Rasa components: the safety net, place recognition and contact-aware responses."""
