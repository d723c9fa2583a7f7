"""Microsoft Teams: Adaptive Cards, the Bot Connector adapter, the bot endpoint, Graph.

Nothing here is imported unless Teams is configured (bot/main/wiring.py, bot/main/asgi.py): the
Teams SDK and msgraph-sdk cost about a second of import time.
"""
