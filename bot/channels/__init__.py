"""Channels: parse a provider's payload into an Inbound, render Replies, send them."""
