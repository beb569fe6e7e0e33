"""The answer engine: normalisation, index, matching and rendering (no Discord here)."""
