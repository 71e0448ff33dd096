"""Custom actions of the assistant (run by the Rasa SDK action server: `rasa run actions`)."""
