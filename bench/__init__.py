"""Benchmarks (accuracy, latency, fan-out). Their numbers go into the README with the command."""

# Credentials of the fake channel APIs, shared by the fan-out benchmark's processes (not secrets).
TOKEN, SID, AUTH = "4242:bench-token", "ACbench0000000000000000000000000000", "bench-auth-token"
