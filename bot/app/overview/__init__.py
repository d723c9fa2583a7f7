"""The overview page's use cases (/overzicht): who is signed in (access.py), what the page
shows a professional and a coordinator (pages.py), and what they do from it (acts.py,
through the same chat use cases as Slack and Teams)."""
