"""The push pipeline: from a matched event to a message on the subscriber's channel."""
