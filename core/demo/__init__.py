"""The demo store: a plausible club over ten years, built from a catalogue of buyers, trades and contracts."""
