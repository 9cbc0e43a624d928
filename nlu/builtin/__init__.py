"""The builtin interpreter: trains in seconds from data/nlu, pure Python, small memory."""

from nlu.builtin.interpreter import BuiltinInterpreter

__all__ = ["BuiltinInterpreter"]
