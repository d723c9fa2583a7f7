"""Microsoft Teams: Adaptive Cards, the Bot Connector adapter, the bot endpoint, Graph.

Nothing here is imported unless Teams is configured (bot/bootstrap.py, bot/http.py): the
Teams SDK and msgraph-sdk cost about a second of import time.
"""
