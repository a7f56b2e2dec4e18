"""Custom Rasa parts: the safety net, place recognition, contact-filling responses,
the redacting tracker store with its in-memory cache, the atomic lock store, the log
filter, deleting conversations, and the Rasa server's launcher (addons/server.py).

Importing the package changes nothing in Rasa: the server's launcher installs our one
patch (addons/fast_action_validation.py) explicitly."""
