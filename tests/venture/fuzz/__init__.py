"""Fuzzed input on every venture form, one module per step of the competition: never a 500, nothing invalid
stored, the typed values kept on a page sent back, exports neutralised."""
