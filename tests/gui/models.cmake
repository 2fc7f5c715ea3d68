# Tests for the desktop app: models
