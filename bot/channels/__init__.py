"""The project's own Rasa input channels (Rasa's built-in ones have the problems listed in
shared/docs/STACK.md)."""
