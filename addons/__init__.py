"""Custom Rasa parts: the safety net, place recognition, contact-filling responses,
the redacting tracker store, the atomic lock store and the log filter.

Importing the package also makes Rasa's check of action server replies fast
(addons/fast_action_validation.py): Rasa imports this package at start-up."""
from addons import fast_action_validation

fast_action_validation.install()
