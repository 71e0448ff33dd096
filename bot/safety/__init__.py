"""The safety layer: danger in a message is answered first, on every channel (see gate.py)."""
