"""Services: each applies one command to the store in one transaction, outbox included."""
