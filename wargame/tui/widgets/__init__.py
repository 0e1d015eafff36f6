"""One module per widget; styles in the .tcss of the screen that uses them."""
