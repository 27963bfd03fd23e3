"""The forum's pages, one module per part of the forum; forum/urls.py names them."""
