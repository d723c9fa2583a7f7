"""The overview in a browser and as a Teams tab (/overzicht): sign-in, session, pages."""
