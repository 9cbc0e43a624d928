"""Test support: throwaway databases, a conversation driver, fakes."""
