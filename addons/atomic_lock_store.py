"""Rasa's Redis lock store with its ticket updates made atomic across servers.

Rasa's RedisLockStore reads a conversation's lock, changes it and writes it back in
separate steps. Two Rasa servers taking messages of one conversation at the same
moment can both read "no tickets", both take ticket 0, and both process at once:
events are lost and replies come out of order. Here every read-change-write of a lock
(issue a ticket, drop expired ones, finish serving) runs under a short Redis mutex.
endpoints.production.yml: `lock_store: type: addons.atomic_lock_store.AtomicRedisLockStore`.
"""
from contextlib import contextmanager
from typing import Iterator, Text

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MUTEX_SECONDS = 10


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    @contextmanager
    def _mutex(self, conversation_id: Text) -> Iterator[None]:
        with self.red.lock(f"{self.key_prefix}mutex:{conversation_id}", timeout=MUTEX_SECONDS,
                           blocking_timeout=MUTEX_SECONDS):
            yield

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: Text) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
