"""The table the screens render: one game and the people at it (plain Python)."""
