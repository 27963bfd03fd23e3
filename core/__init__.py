"""What every app shares, at the bottom of the layering.

`markup` turns member Markdown into safe HTML (one `sanitize()`), `text`
cleans plain text and says how a handle and an @mention are spelled, `forms`
puts a service's errors beside the fields they name, `unsent` gives a form's
fields back after a save that couldn't happen, `images` strips what a picture
says about where it was taken, and `signals` carries the one site-wide signal.
Nothing here imports an app of this project.
"""
